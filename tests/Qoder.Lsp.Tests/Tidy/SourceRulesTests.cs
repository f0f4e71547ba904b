namespace Qoder.Lsp.Tests.Tidy;

/// <summary>
/// One public type per file, named after it (DESIGN.md, example 8): a reader finds a type by its file
/// name, and a diff touches one concept. Nested types and non-public helpers may share a file.
/// </summary>
public sealed class SourceRulesTests
{
    [Test]
    public void EveryServerFileDeclaresAtMostOnePublicTopLevelType()
    {
        var offenders = SourceFiles.Under("server")
            .Select(path => (Path: path, Public: CSharpDeclarations.TopLevelTypes(SourceFiles.Read(path)).Where(type => type.IsPublic).Select(type => type.Name).ToList()))
            .Where(file => file.Public.Count > 1)
            .Select(file => $"{file.Path}: {string.Join(", ", file.Public)}")
            .ToList();

        Assert.That(offenders, Is.Empty, "Move each extra public type to a file of its own.");
    }

    [Test]
    public void EveryServerFileIsNamedAfterItsPublicType()
    {
        var offenders = SourceFiles.Under("server")
            .Select(path => (Path: path, Public: CSharpDeclarations.TopLevelTypes(SourceFiles.Read(path)).Where(type => type.IsPublic).Select(type => type.Name).ToList()))
            .Where(file => file.Public.Count == 1 && file.Public[0] != System.IO.Path.GetFileNameWithoutExtension(file.Path))
            .Select(file => $"{file.Path} declares {file.Public[0]}")
            .ToList();

        Assert.That(offenders, Is.Empty, "Rename the file after the public type it declares.");
    }

    [Test]
    public void TheScannerFindsThePublicTypeOfEveryWireTypeFile()
    {
        // Every file of Qoder.Lsp.Protocol declares one public type: a scanner that found none would make the rules above vacuous.
        var files = SourceFiles.Under("server/Qoder.Lsp.Protocol");
        var found = files.Where(path => CSharpDeclarations.TopLevelTypes(SourceFiles.Read(path)).Count(type => type.IsPublic) == 1).ToList();

        Assert.That(files, Has.Count.GreaterThan(10));
        Assert.That(found, Is.EqualTo(files));
    }

    [Test]
    public void TheScannerSeesTopLevelTypesOnly()
    {
        const string source = """"
            using System;
            namespace A.B;

            /// <summary>A "quoted" { brace in a comment.</summary>
            [Obsolete("class Fake { }")]
            public sealed record First(string Name)
            {
                public sealed class Nested { }
                private const string Text = $"{{ {Name} }} public class InString {'}'}";
                private const string Raw = """
                    public class InRaw {
                    """;
            }

            internal static class Second<T> where T : class { }
            public delegate void Third(int x);
            public readonly record struct Fourth;
            // public class InComment { }
            /* public class InBlockComment { } */
            """";

        var types = CSharpDeclarations.TopLevelTypes(source);

        Assert.That(types, Is.EqualTo(new[] { ("First", true), ("Second", false), ("Third", true), ("Fourth", true) }));
    }

    [Test]
    public void TheScannerHandlesBlockNamespaces()
    {
        const string source = """
            namespace Outer
            {
                public class One { public class Inner { } }
                namespace Deeper { public enum Two { A, B } }
            }
            """;

        Assert.That(CSharpDeclarations.TopLevelTypes(source), Is.EqualTo(new[] { ("One", true), ("Two", true) }));
    }
}
