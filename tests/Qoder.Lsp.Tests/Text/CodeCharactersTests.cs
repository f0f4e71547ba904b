using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

public sealed class CodeCharactersTests
{
    [TestCase("f(a, b) {", "f(a, b) {")]
    [TestCase("x = \"a { b\" + '}';", "x =  + ;")]
    [TestCase("s = \"say \\\"}\\\" now\"; y", "s = ; y")]
    [TestCase("call(); // close }", "call(); ")]
    [TestCase("t = `a ${b} {` + c", "t =  + c")]
    [TestCase("u = \"unterminated {", "u = ")]
    [TestCase("a / b", "a / b")]
    public void Only_code_outside_literals_and_line_comments_is_seen(string line, string expected)
    {
        var seen = new System.Text.StringBuilder();
        foreach (var c in new CodeCharacters(line))
        {
            seen.Append(c);
        }

        Assert.That(seen.ToString(), Is.EqualTo(expected));
    }
}
