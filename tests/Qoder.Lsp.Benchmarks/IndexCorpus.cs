using System.Text;

namespace Qoder.Lsp.Benchmarks;

/// <summary>
/// A generated repository for <c>scripts/bench index</c>: TypeScript, Python, Go, C#, Java and Rust files of 40-120
/// lines, 100 to a folder, with functions, classes and comments built from a shared vocabulary so that
/// terms repeat across files as in real code (BM25 then has realistic posting lists). Deterministic per seed.
/// </summary>
internal static class IndexCorpus
{
    public static readonly string[] Words =
    [
        "user", "order", "invoice", "payment", "account", "session", "token", "cache", "config", "request", "response",
        "handler", "service", "client", "server", "queue", "event", "message", "record", "report", "customer", "product",
        "price", "tax", "discount", "cart", "shipment", "address", "email", "password", "login", "logout", "permission",
        "role", "audit", "log", "metric", "trace", "retry", "timeout", "backoff", "limit", "page", "filter", "sort",
        "index", "search", "query", "result", "batch", "job", "worker", "schedule", "task", "file", "upload", "download",
        "image", "thumbnail", "parser", "lexer", "token", "schema", "table", "column", "migration", "database", "connection",
        "pool", "transaction", "commit", "rollback", "lock", "state", "store", "reducer", "action", "view", "model",
        "controller", "router", "route", "middleware", "validator", "error", "exception", "status", "health", "notify",
    ];

    private static readonly string[] Verbs = ["get", "set", "load", "save", "create", "update", "delete", "find", "compute", "validate", "parse", "render", "send", "handle", "build", "merge"];

    public static IReadOnlyList<string> Generate(string root, int files, int seed = 42)
    {
        var random = new Random(seed);
        var symbols = new List<string>();
        for (var i = 0; i < files; i++)
        {
            var (extension, text) = (i % 6) switch
            {
                0 => (".ts", TypeScript(random, i, symbols)),
                1 => (".py", Python(random, i, symbols)),
                2 => (".go", Go(random, i, symbols)),
                3 => (".cs", CSharp(random, i, symbols)),
                4 => (".java", Java(random, i, symbols)),
                _ => (".rs", Rust(random, i, symbols)),
            };
            var directory = Path.Combine(root, "pkg" + (i / 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "mod" + (i / 100 % 10));
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"{Word(random)}_{Word(random)}_{i}{extension}"), text);
        }

        return symbols;
    }

    public static string Word(Random random) => Words[random.Next(Words.Length)];

    private static string Pascal(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string Name(Random random, int file, List<string> symbols, bool pascal)
    {
        var name = Verbs[random.Next(Verbs.Length)] + Pascal(Word(random)) + Pascal(Word(random)) + file;
        name = pascal ? Pascal(name) : name;
        symbols.Add(name);
        return name;
    }

    private static string Comment(Random random) => string.Join(' ', Enumerable.Range(0, 8).Select(_ => Word(random)));

    private static string TypeScript(Random random, int file, List<string> symbols)
    {
        var text = new StringBuilder($"import {{ {Pascal(Word(random))}Service }} from \"../{Word(random)}\";\n\n");
        text.Append($"export class {Pascal(Word(random))}{Pascal(Word(random))}{file} {{\n");
        for (var m = 0; m < 4; m++)
        {
            text.Append($"  // {Comment(random)}\n  async {Name(random, file, symbols, false)}({Word(random)}: string, {Word(random)}Id: number): Promise<void> {{\n");
            for (var l = 0; l < 5; l++)
            {
                text.Append($"    const {Word(random)}{l} = await this.{Word(random)}Service.{Verbs[random.Next(Verbs.Length)]}({Word(random)}Id, \"{Word(random)}\");\n");
            }

            text.Append("  }\n\n");
        }

        text.Append("}\n\n");
        text.Append($"export function {Name(random, file, symbols, false)}(input: string): string {{\n  return input.trim().toLowerCase();\n}}\n");
        return text.ToString();
    }

    private static string Python(Random random, int file, List<string> symbols)
    {
        var text = new StringBuilder($"import {Word(random)}\nfrom {Word(random)} import {Pascal(Word(random))}\n\n\n");
        text.Append($"class {Pascal(Word(random))}{Pascal(Word(random))}{file}:\n    \"\"\"{Comment(random)}.\"\"\"\n\n");
        for (var m = 0; m < 4; m++)
        {
            text.Append($"    def {Name(random, file, symbols, false).ToLowerInvariant()}(self, {Word(random)}, {Word(random)}_id):\n        # {Comment(random)}\n");
            for (var l = 0; l < 5; l++)
            {
                text.Append($"        {Word(random)}_{l} = self.{Word(random)}.{Verbs[random.Next(Verbs.Length)]}_{Word(random)}({Word(random)}_id)\n");
            }

            text.Append($"        return {Word(random)}_0\n\n");
        }

        return text.ToString();
    }

    private static string Go(Random random, int file, List<string> symbols)
    {
        var text = new StringBuilder($"package {Word(random)}\n\nimport \"fmt\"\n\ntype {Pascal(Word(random))}{file} struct {{\n\t{Pascal(Word(random))} string\n\t{Pascal(Word(random))} int\n}}\n\n");
        for (var m = 0; m < 5; m++)
        {
            text.Append($"// {Comment(random)}\nfunc {Name(random, file, symbols, true)}({Word(random)} string) error {{\n");
            for (var l = 0; l < 5; l++)
            {
                text.Append($"\tif err := {Word(random)}.{Pascal(Verbs[random.Next(Verbs.Length)])}(\"{Word(random)}\"); err != nil {{\n\t\treturn fmt.Errorf(\"{Word(random)}: %w\", err)\n\t}}\n");
            }

            text.Append("\treturn nil\n}\n\n");
        }

        return text.ToString();
    }

    private static string CSharp(Random random, int file, List<string> symbols)
    {
        var text = new StringBuilder($"namespace Shop.{Pascal(Word(random))};\n\n/// <summary>{Comment(random)}</summary>\npublic sealed class {Pascal(Word(random))}{Pascal(Word(random))}{file}\n{{\n");
        for (var m = 0; m < 4; m++)
        {
            text.Append($"    /// <summary>{Comment(random)}</summary>\n    public async Task<int> {Name(random, file, symbols, true)}(string {Word(random)}, int {Word(random)}Id)\n    {{\n");
            for (var l = 0; l < 5; l++)
            {
                text.Append($"        var {Word(random)}{l} = await _{Word(random)}.{Pascal(Verbs[random.Next(Verbs.Length)])}Async({Word(random)}Id);\n");
            }

            text.Append("        return 0;\n    }\n\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static string Java(Random random, int file, List<string> symbols)
    {
        var text = new StringBuilder($"package com.shop.{Word(random)};\n\nimport java.util.List;\n\npublic class {Pascal(Word(random))}{Pascal(Word(random))}{file} {{\n");
        for (var m = 0; m < 4; m++)
        {
            text.Append($"    // {Comment(random)}\n    public List<String> {Name(random, file, symbols, false)}(String {Word(random)}, long {Word(random)}Id) {{\n");
            for (var l = 0; l < 5; l++)
            {
                text.Append($"        var {Word(random)}{l} = {Word(random)}Repository.{Verbs[random.Next(Verbs.Length)]}({Word(random)}Id);\n");
            }

            text.Append("        return List.of();\n    }\n\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static string Rust(Random random, int file, List<string> symbols)
    {
        var text = new StringBuilder($"use std::collections::HashMap;\n\npub struct {Pascal(Word(random))}{file} {{\n    {Word(random)}: HashMap<String, u64>,\n}}\n\nimpl {Pascal(Word(random))}{file} {{\n");
        for (var m = 0; m < 4; m++)
        {
            var name = Name(random, file, symbols, false).ToLowerInvariant();
            text.Append($"    /// {Comment(random)}\n    pub fn {name}(&mut self, {Word(random)}: &str) -> Option<u64> {{\n");
            for (var l = 0; l < 4; l++)
            {
                text.Append($"        let {Word(random)}_{l} = self.{Word(random)}.get(\"{Word(random)}\").copied();\n");
            }

            text.Append("        None\n    }\n\n");
        }

        text.Append("}\n");
        return text.ToString();
    }
}
