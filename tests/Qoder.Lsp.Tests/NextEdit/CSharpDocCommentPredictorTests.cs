using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.NextEdit;

/// <summary><c>///</c> above a C# member completes to a doc comment skeleton, without the workspace.</summary>
public sealed class CSharpDocCommentPredictorTests
{
    private const string Uri = "file:///repo/Calc.cs";

    [Test]
    public async Task Three_slashes_above_a_generic_method_give_summary_type_parameters_parameters_and_returns()
    {
        using var fixture = new NextEditFixture();
        var offset = fixture.Open(Uri, "csharp", "class Calc\n{\n    $0\n    public T Add<T>(T a, T b) => a;\n}\n");
        foreach (var slash in Enumerable.Range(0, 3))
        {
            fixture.Change(Uri, new LineRange(2, 4 + slash, 2, 4 + slash), "/");
        }

        var suggestions = await fixture.SuggestAsync(Uri);

        Assert.That(offset, Is.GreaterThan(0));
        Assert.That(suggestions.Single().Description, Is.EqualTo("complete the doc comment"));
        Assert.That(fixture.Applied(Uri, suggestions), Is.EqualTo("""
            class Calc
            {
                /// <summary>
                /// 
                /// </summary>
                /// <typeparam name="T"></typeparam>
                /// <param name="a"></param>
                /// <param name="b"></param>
                /// <returns></returns>
                public T Add<T>(T a, T b) => a;
            }

            """));
    }

    [TestCase("class Calc\n{\n    ///\n    public void Reset() { }\n}\n", "    /// <summary>\n    /// \n    /// </summary>\n    public void Reset() { }")]
    [TestCase("///\nrecord Point(int X, int Y);\n", "/// <summary>\n/// \n/// </summary>\n/// <param name=\"X\"></param>\n/// <param name=\"Y\"></param>\nrecord Point")]
    public async Task Void_methods_get_no_returns_and_records_document_their_primary_parameters(string typed, string expected)
    {
        using var fixture = new NextEditFixture();
        var slashes = typed.IndexOf("///", StringComparison.Ordinal);
        fixture.Open(Uri, "csharp", typed.Remove(slashes, 3));
        fixture.Documents.TryGet(Uri, out var document);
        fixture.Change(Uri, new LineRange(document!.PositionOf(slashes), document.PositionOf(slashes)), "///");

        Assert.That(fixture.Applied(Uri, await fixture.SuggestAsync(Uri)), Does.Contain(expected));
    }

    [Test]
    public async Task No_skeleton_for_an_existing_comment_a_plain_comment_or_slashes_above_no_member()
    {
        foreach (var (text, line, character) in new[]
                 {
                     ("class C\n{\n    /// <summary>Done.</summary>\n    //\n    void M() { }\n}\n", 3, 6),
                     ("class C\n{\n    void M()\n    {\n        //\n        M();\n    }\n}\n", 4, 10),
                 })
        {
            using var fixture = new NextEditFixture();
            fixture.Open(Uri, "csharp", text);
            fixture.Change(Uri, new LineRange(line, character, line, character), "/");

            Assert.That(await fixture.SuggestAsync(Uri), Is.Empty, text);
        }
    }
}
