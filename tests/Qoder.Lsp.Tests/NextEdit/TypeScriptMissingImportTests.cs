using Qoder.Lsp.Core.Configuration;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.NextEdit;
using Qoder.Lsp.NextEdit.Imports;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary>
/// A name another workspace module exports, typed without its import: the import is suggested (merged into an existing
/// import of that module or as a new line), relative to the importing module, in its style.
/// </summary>
public sealed class TypeScriptMissingImportTests
{
    private const string DateModule = "export function formatDate(d: Date): string {\n  return d.toISOString();\n}\n\nexport function addDays(d: Date, n: number): Date {\n  return d;\n}\n\nexport function parseDate(s: string): Date {\n  return new Date(s);\n}\n";

    [Test]
    public async Task A_new_import_line_goes_after_the_last_import()
    {
        using var fixture = new NextEditFixture();
        fixture.Open("file:///repo/src/date.ts", "typescript", DateModule);
        const string App = "import { sum } from './math';\n\nexport function label(now: Date) {\n  $0\n}\n";

        var suggestions = await TypeAsync(fixture, "file:///repo/src/app.ts", "typescript", App, "return formatDate(now);");

        Assert.That(suggestions.Single().Description, Is.EqualTo("import { formatDate } from './date'"));
        Assert.That(fixture.Applied("file:///repo/src/app.ts", suggestions), Does.StartWith("import { sum } from './math';\nimport { formatDate } from './date';\n\nexport function label"));
    }

    [TestCase("import { addDays } from './date';", "import { addDays, formatDate } from './date';")]
    [TestCase("import { addDays, parseDate } from './date';", "import { addDays, formatDate, parseDate } from './date';")]
    [TestCase("import { parseDate, addDays } from './date';", "import { parseDate, addDays, formatDate } from './date';")]
    [TestCase("import { parseDate } from './date.js';", "import { formatDate, parseDate } from './date.js';")]
    [TestCase("import {\n  addDays,\n  parseDate,\n} from './date';", "import {\n  addDays,\n  formatDate,\n  parseDate,\n} from './date';")]
    [TestCase("import {\n  addDays\n} from './date';", "import {\n  addDays,\n  formatDate\n} from './date';")]
    public async Task The_name_merges_into_an_existing_import_of_the_module_sorted_when_the_names_are(string existing, string expected)
    {
        using var fixture = new NextEditFixture();
        fixture.Open("file:///repo/src/date.ts", "typescript", DateModule);

        var suggestions = await TypeAsync(fixture, "file:///repo/src/app.ts", "typescript", existing + "\n\nconst a = addDays(new Date(), 1);\n$0\n", "const s = formatDate(a);");

        Assert.That(fixture.Applied("file:///repo/src/app.ts", suggestions), Does.StartWith(expected + "\n\n"));
    }

    [Test]
    public async Task A_default_export_is_imported_without_braces_and_merged_before_the_braces()
    {
        using var fixture = new NextEditFixture();
        fixture.Open("file:///repo/src/components/Button.tsx", "typescriptreact", "export default function Button(props: { label: string }) {\n  return <button>{props.label}</button>;\n}\nexport const size = 2;\n");

        var fresh = await TypeAsync(fixture, "file:///repo/src/App.tsx", "typescriptreact", "export function App() {\n  return $0;\n}\n", "<Button label=\"ok\" />");
        Assert.That(fresh.Single().Description, Is.EqualTo("import Button from './components/Button'"));
        Assert.That(fixture.Applied("file:///repo/src/App.tsx", fresh), Does.StartWith("import Button from './components/Button';\n\nexport function App()"));

        var merged = await TypeAsync(fixture, "file:///repo/src/Page.tsx", "typescriptreact", "import { size } from './components/Button';\n\nexport const Page = () => $0;\n", "<Button label={String(size)} />");
        Assert.That(fixture.Applied("file:///repo/src/Page.tsx", merged), Does.StartWith("import Button, { size } from './components/Button';\n"));
    }

    [TestCase("file:///repo/src/features/orders/list.ts", "file:///repo/src/util/date.ts", "../../util/date")]
    [TestCase("file:///repo/src/app.ts", "file:///repo/src/util/index.ts", "./util")]
    [TestCase("file:///repo/src/util/format.ts", "file:///repo/src/util/index.ts", ".")]
    [TestCase("file:///repo/src/app.ts", "file:///repo/src/legacy/date.mjs", "./legacy/date.mjs")]
    [TestCase("file:///repo/src/app.ts", "file:///repo/src/types/date.d.ts", "./types/date")]
    public async Task The_specifier_is_relative_without_extension_and_an_index_file_is_its_folder(string importer, string exporter, string specifier)
    {
        using var fixture = new NextEditFixture();
        fixture.Open(exporter, exporter.EndsWith(".mjs", StringComparison.Ordinal) ? "javascript" : "typescript", DateModule);

        var suggestions = await TypeAsync(fixture, importer, "typescript", "$0\n", "const s = formatDate(new Date());");

        Assert.That(suggestions.Single().Description, Is.EqualTo($"import {{ formatDate }} from '{specifier}'"));
        Assert.That(fixture.Applied(importer, suggestions), Does.StartWith($"import {{ formatDate }} from '{specifier}';\n"));
    }

    [TestCase("import React from \"react\"\n\n$0\n", "import React from \"react\"\nimport { formatDate } from \"./date\"\n\n")]
    [TestCase("import { x } from './x';\n$0\n", "import { x } from './x';\nimport { formatDate } from './date';\n")]
    [TestCase("import { x } from './x.js';\n$0\n", "import { x } from './x.js';\nimport { formatDate } from './date.js';\n")]
    [TestCase("// Copyright (c) Shop\n'use strict';\n\n$0\n", "// Copyright (c) Shop\n'use strict';\n\nimport { formatDate } from './date';\n")]
    [TestCase("#!/usr/bin/env node\n$0\n", "#!/usr/bin/env node\nimport { formatDate } from './date';\n\nconst s")]
    public async Task Quotes_and_semicolons_follow_the_existing_imports_and_a_first_import_goes_after_leading_comments(string app, string expectedStart)
    {
        using var fixture = new NextEditFixture();
        fixture.Open("file:///repo/src/date.js", "javascript", DateModule.Replace(": Date", "", StringComparison.Ordinal).Replace(": string", "", StringComparison.Ordinal).Replace(": number", "", StringComparison.Ordinal));

        var suggestions = await TypeAsync(fixture, "file:///repo/src/app.js", "javascript", app, "const s = formatDate(new Date());");

        Assert.That(fixture.Applied("file:///repo/src/app.js", suggestions), Does.StartWith(expectedStart));
    }

    [TestCase("import { formatDate } from './date';\n$0\n", "const s = formatDate(new Date());", TestName = "already imported")]
    [TestCase("import { formatDate as fmt } from './date';\nimport * as dates from './date';\n$0\n", "const s = dates.formatDate(fmt(new Date()));", TestName = "a property access and an aliased import")]
    [TestCase("function formatDate(d) { return ''; }\n$0\n", "const s = formatDate(new Date());", TestName = "declared locally")]
    [TestCase("const format = (formatDate) => {\n  $0\n};\n", "return formatDate(1);", TestName = "a parameter")]
    [TestCase("$0\n", "const s = 'formatDate(new Date())';", TestName = "in a string")]
    [TestCase("$0\n", "// formatDate(new Date())", TestName = "in a comment")]
    [TestCase("$0\n", "const o = { formatDate: 1 };", TestName = "an object key")]
    [TestCase("$0\n", "console.log(JSON.stringify(Math.max(1, 2)));", TestName = "globals")]
    [TestCase("const fs = require('fs');\n$0\n", "const s = formatDate(new Date());", TestName = "a CommonJS module")]
    [TestCase("$0\n", "const s = toIsoString(new Date());", TestName = "nothing exports it")]
    [TestCase("class Calendar {\n  $0\n}\n", "formatDate(d: Date) { return ''; }", TestName = "a method definition")]
    [TestCase("$0\n", "export { formatDate } from './date';", TestName = "a re-export")]
    public async Task Nothing_is_suggested_for_a_name_that_is_bound_not_code_global_or_exported_nowhere(string app, string typed)
    {
        using var fixture = new NextEditFixture();
        fixture.Open("file:///repo/src/date.ts", "typescript", DateModule);

        Assert.That(await TypeAsync(fixture, "file:///repo/src/app.ts", "typescript", app, typed), Is.Empty);
    }

    [Test]
    public async Task A_cjs_file_is_left_alone_and_a_deleted_import_is_not_put_back()
    {
        using var fixture = new NextEditFixture();
        fixture.Open("file:///repo/src/date.ts", "typescript", DateModule);
        Assert.That(await TypeAsync(fixture, "file:///repo/src/tool.cjs", "javascript", "$0\n", "const s = formatDate(new Date());"), Is.Empty);

        const string Uri = "file:///repo/src/app.ts";
        fixture.Open(Uri, "typescript", "import { formatDate } from './date';\nconst s = formatDate(new Date());\n");
        fixture.Change(Uri, new LineRange(0, 0, 1, 0), "");

        Assert.That(await fixture.SuggestAsync(Uri), Is.Empty);
    }

    [Test]
    public async Task Several_exporting_modules_give_up_to_three_alternatives_the_nearest_first()
    {
        using var fixture = new NextEditFixture();
        foreach (var path in new[] { "src/lib/deep/more/date.ts", "src/orders/date.ts", "src/date.ts", "shared/date.ts" })
        {
            fixture.Open("file:///repo/" + path, "typescript", DateModule);
        }

        var suggestions = await TypeAsync(fixture, "file:///repo/src/orders/list.ts", "typescript", "$0\n", "const s = formatDate(new Date());");

        Assert.That(suggestions.Select(suggestion => suggestion.Description), Is.EqualTo(new[]
        {
            "import { formatDate } from './date'", "import { formatDate } from '../date'", "import { formatDate } from '../../shared/date'",
        }));
    }

    [Test]
    public async Task A_module_that_is_not_open_is_found_through_the_exported_symbol_source()
    {
        var source = new FakeExportedSymbolSource();
        source.Files["formatDate"] = [new ExportingFile("/repo/src/util/date.ts", DateModule), new ExportingFile("/repo/src/util/notes.md", "export function formatDate")];
        var documents = new DocumentStore();
        var clock = new FakeEditClock();
        using var service = new NextEditService(documents, csharp: null, () => new NextEditSettings(), clock, exports: source);
        const string Uri = "file:///repo/src/app.ts";
        documents.Open(Uri, "typescript", 1, "import { x } from './x';\n\n");
        clock.Now += TimeSpan.FromSeconds(1);
        documents.Change(Uri, 2, [TextChange.Insert(new LinePosition(2, 0), "const s = formatDate(x);")]);

        var suggestions = await service.SuggestAsync(Uri, CancellationToken.None);

        Assert.That(suggestions.Select(suggestion => suggestion.Description), Is.EqualTo(new[] { "import { formatDate } from './util/date'" }));
        Assert.That(source.Asked, Does.Contain("formatDate"));
        Assert.That(source.Asked, Does.Not.Contain("x").And.Not.Contain("const"), "bound names and keywords are not looked up");
    }

    [Test]
    public async Task A_rejected_import_is_not_offered_again_for_the_same_edit()
    {
        using var fixture = new NextEditFixture();
        fixture.Open("file:///repo/src/date.ts", "typescript", DateModule);
        var first = await TypeAsync(fixture, "file:///repo/src/app.ts", "typescript", "$0\n", "const s = formatDate(new Date());");
        Assert.That(fixture.Service.OnShown(first.Single().Id), Is.True);

        Assert.That(await fixture.SuggestAsync("file:///repo/src/app.ts"), Is.Empty);
    }

    [Test]
    public async Task Every_truncation_of_a_module_is_answered_without_an_error()
    {
        const string App = "#!/usr/bin/env node\n'use strict';\nimport Default, { a as b, type C,\n  d } from \"./mod\"\nimport * as ns from './ns';\nconst { e, f: g } = ns;\nclass K { m(@Inject() h = {}, ...i) { return `${b}`; } }\nexport { e as default };\n";
        for (var length = 0; length <= App.Length; length++)
        {
            using var fixture = new NextEditFixture();
            fixture.Open("file:///repo/src/date.ts", "typescript", DateModule);
            var truncated = App[..length];

            var suggestions = await TypeAsync(fixture, "file:///repo/src/app.ts", "typescript", truncated + "$0", "\nformatDate(e);");

            Assert.That(suggestions, Has.Count.LessThanOrEqualTo(1), truncated);
            Assert.That(TypeScriptExports.Parse(truncated), Is.Not.Null);
        }
    }

    /// <summary>Opens <paramref name="textWithMarker"/> at <paramref name="uri"/>, types <paramref name="typed"/> at its <c>$0</c> in one change, and asks.</summary>
    internal static async Task<IReadOnlyList<NextEditSuggestion>> TypeAsync(NextEditFixture fixture, string uri, string languageId, string textWithMarker, string typed)
    {
        var offset = fixture.Open(uri, languageId, textWithMarker);
        fixture.Documents.TryGet(uri, out var document);
        var at = document!.PositionOf(offset);
        fixture.Change(uri, new LineRange(at, at), typed);
        return await fixture.SuggestAsync(uri);
    }

    private sealed class FakeExportedSymbolSource : IExportedSymbolSource
    {
        public Dictionary<string, IReadOnlyList<ExportingFile>> Files { get; } = new(StringComparer.Ordinal);

        public List<string> Asked { get; } = [];

        public Task<IReadOnlyList<ExportingFile>> FindAsync(string name, CancellationToken cancellationToken)
        {
            Asked.Add(name);
            return Task.FromResult(Files.TryGetValue(name, out var files) ? files : (IReadOnlyList<ExportingFile>)[]);
        }
    }
}
