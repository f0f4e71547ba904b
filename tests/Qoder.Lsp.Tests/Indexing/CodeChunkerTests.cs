using Qoder.Lsp.Indexing;
using Qoder.Lsp.Indexing.Chunking;
using Qoder.Lsp.Indexing.Search;

namespace Qoder.Lsp.Tests.Indexing;

public sealed class CodeChunkerTests
{
    private static readonly CodeChunker Chunker = new(new IndexingOptions { MaxChunkLines = 20 });

    [Test]
    public void CSharp_symbols_come_from_the_syntax_tree_with_their_containers()
    {
        var text = """
            namespace Shop.Billing;

            /// <summary>Computes invoices.</summary>
            public sealed class InvoiceCalculator
            {
                private readonly decimal _rate;

                public InvoiceCalculator(decimal rate) => _rate = rate;

                public decimal Total { get; init; }

                public decimal ApplyTax(decimal amount)
                {
                    return amount * (1 + _rate);
                }

                private record Line(string Sku, int Quantity);
            }

            public interface IPricing { decimal Price(string sku); }
            """;

        var file = Chunker.Chunk("src/InvoiceCalculator.cs", text);

        Assert.That(file.Symbols.Select(symbol => $"{symbol.Kind} {symbol.Container}.{symbol.Name}@{symbol.Line}"), Is.EquivalentTo(new[]
        {
            "class .InvoiceCalculator@3", "field InvoiceCalculator._rate@5", "constructor InvoiceCalculator.InvoiceCalculator@7",
            "property InvoiceCalculator.Total@9", "method InvoiceCalculator.ApplyTax@11", "record InvoiceCalculator.Line@16",
            "interface .IPricing@19", "method IPricing.Price@19",
        }));
        Assert.That(file.Chunks.SelectMany(chunk => chunk.Symbols), Does.Contain("InvoiceCalculator"));
    }

    [Test]
    public void A_type_longer_than_the_chunk_limit_is_split_along_its_members_each_chunk_within_the_bounds()
    {
        var methods = string.Join("\n", Enumerable.Range(0, 12).Select(i => $"    public int Method{i}(int x)\n    {{\n        var y = x * {i};\n        return y + {i};\n    }}\n"));
        var text = $"public class Big\n{{\n{methods}}}\n";

        var file = Chunker.Chunk("Big.cs", text);

        Assert.That(file.Chunks, Has.Count.GreaterThan(2));
        Assert.That(file.Chunks.All(chunk => chunk.EndLine - chunk.StartLine < 20), Is.True);
        Assert.That(file.Chunks.Single(chunk => chunk.Text.Contains("Method7(", StringComparison.Ordinal)).Symbols, Does.Contain("Big.Method7"));
        var covered = file.Chunks.SelectMany(chunk => Enumerable.Range(chunk.StartLine, chunk.EndLine - chunk.StartLine + 1)).ToList();
        Assert.That(covered, Is.Unique, "chunks do not overlap");
    }

    [TestCase("app.ts", "export class UserStore {\n  private users = [];\n  async loadUser(id: string): Promise<User> {\n    return this.users[id];\n  }\n}\nexport function formatName(user: User) {\n  return user.name;\n}\nexport interface User { name: string }\nconst toId = (u) => u.id;\n",
        "class UserStore@0;method UserStore.loadUser@2;function formatName@6;interface User@9;function toId@10")]
    [TestCase("tool.py", "import os\n\nclass Loader:\n    def __init__(self, path):\n        self.path = path\n\n    def load(self):\n        return open(self.path).read()\n\ndef main():\n    Loader('x').load()\n",
        "class Loader@2;function Loader.__init__@3;function Loader.load@6;function main@9")]
    [TestCase("server.go", "package main\n\ntype Server struct {\n\tport int\n}\n\nfunc (s *Server) Start() error {\n\treturn nil\n}\n\nfunc NewServer(port int) *Server {\n\treturn &Server{port: port}\n}\n",
        "type Server@2;function Start@6;function NewServer@10")]
    [TestCase("lib.rs", "pub struct Cache {\n    items: Vec<u8>,\n}\n\nimpl Cache {\n    pub fn new() -> Self {\n        Cache { items: vec![] }\n    }\n}\n",
        "type Cache@0;type Cache@4;function Cache.new@5")]
    [TestCase("Main.java", "public class Main {\n    public static void main(String[] args) {\n        if (args.length > 0) {\n            run(args);\n        }\n    }\n}\n",
        "class Main@0;method Main.main@1")]
    public void Other_languages_get_definitions_from_patterns_with_brace_or_indentation_scopes(string path, string text, string expected)
    {
        var file = Chunker.Chunk(path, text);

        Assert.That(string.Join(";", file.Symbols.Select(symbol => $"{symbol.Kind} {(symbol.Container is null ? "" : symbol.Container + ".")}{symbol.Name}@{symbol.Line}")), Is.EqualTo(expected));
    }

    [Test]
    public void A_long_single_line_is_cut_to_the_character_bound()
    {
        var file = new CodeChunker(new IndexingOptions { MaxChunkChars = 100 }).Chunk("data.js", "var x = '" + new string('a', 5000) + "';\nvar y = 1;\n");

        Assert.That(file.Chunks.All(chunk => chunk.Text.Length <= 101), Is.True);
    }

    [TestCase("parseHttpRequest", "parsehttprequest parse http request")]
    [TestCase("HTTPServer2Config", "httpserver2config http server 2 config")]
    [TestCase("snake_case_name", "snake_case_name snake case name")]
    [TestCase("System.Text.Json", "system text json")]
    [TestCase("plain", "plain")]
    public void Code_tokens_keep_the_whole_identifier_and_add_its_parts(string text, string expected)
    {
        Assert.That(CodeTokenizer.ToIndexText(text).Trim(), Is.EqualTo(expected));
    }
}
