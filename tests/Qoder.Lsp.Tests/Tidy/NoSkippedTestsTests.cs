using System.Reflection;
using System.Text.RegularExpressions;
using NUnit.Framework.Interfaces;

namespace Qoder.Lsp.Tests.Tidy;

/// <summary>
/// A skipped test is a silent hole in the net: fix it, delete it, or make it pass. Checked on the
/// compiled attributes and, for the calls that skip at run time, in the sources.
/// </summary>
public sealed partial class NoSkippedTestsTests
{
    private static readonly Assembly Tests = typeof(NoSkippedTestsTests).Assembly;

    [Test]
    public void NoTestOrFixtureIsIgnoredOrExplicit()
    {
        var offenders = new List<string>();
        foreach (var type in Tests.GetTypes())
        {
            offenders.AddRange(Skipping(type).Select(reason => $"{type.FullName}: {reason}"));
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                offenders.AddRange(Skipping(method).Select(reason => $"{type.FullName}.{method.Name}: {reason}"));
            }
        }

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void NoTestSkipsItselfAtRunTime()
    {
        var offenders = (
            from path in SourceFiles.Under("tests")
            let source = SourceFiles.Read(path)
            let lines = source.Split('\n')
            from line in CSharpDeclarations.CodeOnly(source).Split('\n').Select((code, index) => (Code: code, Index: index))
            where RunTimeSkip().IsMatch(line.Code)
            select $"{path}:{line.Index + 1}: {lines[line.Index].Trim()}").ToList();

        Assert.That(offenders, Is.Empty, "Assert.Ignore, Assert.Inconclusive and Assume.That turn a failure into a skip.");
    }

    [Test]
    public void TheChecksRecogniseWhatTheyForbid()
    {
        // Attribute instances, not attributed methods: a sample method would itself be found as a skipped test.
        Assert.That(Skipping([new IgnoreAttribute("sample")]), Is.Not.Empty);
        Assert.That(Skipping([new ExplicitAttribute("sample")]), Is.Not.Empty);
        Assert.That(Skipping([new TestCaseAttribute(1) { Ignore = "sample" }]), Is.Not.Empty);
        Assert.That(Skipping([new TestCaseAttribute(1) { Explicit = true }]), Is.Not.Empty);
        Assert.That(Skipping([new TestFixtureAttribute { Ignore = "sample" }]), Is.Not.Empty);
        Assert.That(Skipping([new TestCaseAttribute(1), new TestAttribute()]), Is.Empty);
        Assert.That(RunTimeSkip().IsMatch("        Assert" + ".Ignore(\"later\");"), Is.True);
        Assert.That(RunTimeSkip().IsMatch("Assume" + " . That(x, Is.True);"), Is.True);
        Assert.That(RunTimeSkip().IsMatch(CSharpDeclarations.CodeOnly("// Assert" + ".Inconclusive(\"x\")")), Is.False, "comments do not count");
    }

    private static IEnumerable<string> Skipping(MemberInfo member) => Skipping(member.GetCustomAttributes(inherit: false));

    private static IEnumerable<string> Skipping(IEnumerable<object> attributes)
    {
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case IgnoreAttribute:
                    yield return "[Ignore]";
                    break;
                case ExplicitAttribute:
                    yield return "[Explicit]";
                    break;
                case TestCaseAttribute { RunState: RunState.Ignored or RunState.Explicit } testCase:
                    yield return $"[TestCase(...)] with RunState {testCase.RunState}";
                    break;
                case TestFixtureAttribute { RunState: RunState.Ignored or RunState.Explicit } fixture:
                    yield return $"[TestFixture(...)] with RunState {fixture.RunState}";
                    break;
            }
        }
    }

    [GeneratedRegex(@"\b(?:Assert\s*\.\s*(?:Ignore|Inconclusive)|Assume\s*\.\s*That)\s*\(")]
    private static partial Regex RunTimeSkip();
}
