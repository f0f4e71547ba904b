using System.Reflection;

namespace Qoder.Lsp.Tests.Tidy;

/// <summary>
/// **Architecture Invariant:** dependencies point one way. Feature engines and adapters know nothing of
/// JSON-RPC or wire types (that is what keeps them testable and the protocol swappable), and the wire
/// types depend on nothing of ours. Checked on the compiled assemblies, which list only what the code uses.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Protocol = typeof(Qoder.Lsp.Protocol.QoderMethods).Assembly;
    private static readonly Assembly Core = typeof(Qoder.Lsp.Core.Configuration.QoderSettings).Assembly;
    private static readonly Assembly Models = typeof(Qoder.Lsp.Models.ModelCatalog).Assembly;
    private static readonly Assembly Server = typeof(Qoder.Lsp.Server.LanguageServer).Assembly;

    public static IEnumerable<TestCaseData> EnginesAndAdapters()
    {
        yield return new TestCaseData(Core).SetArgDisplayNames("Qoder.Lsp.Core");
        yield return new TestCaseData(Models).SetArgDisplayNames("Qoder.Lsp.Models");
        yield return new TestCaseData(typeof(Qoder.Lsp.Database.DatabaseService).Assembly).SetArgDisplayNames("Qoder.Lsp.Database");
        yield return new TestCaseData(typeof(Qoder.Lsp.CSharp.CSharpWorkspace).Assembly).SetArgDisplayNames("Qoder.Lsp.CSharp");
        yield return new TestCaseData(typeof(Qoder.Lsp.NextEdit.NextEditService).Assembly).SetArgDisplayNames("Qoder.Lsp.NextEdit");
        yield return new TestCaseData(typeof(Qoder.Lsp.Context.Rules.RuleCatalog).Assembly).SetArgDisplayNames("Qoder.Lsp.Context");
        yield return new TestCaseData(typeof(Qoder.Lsp.Chat.Turns.ChatService).Assembly).SetArgDisplayNames("Qoder.Lsp.Chat");
        yield return new TestCaseData(typeof(Qoder.Lsp.Indexing.IndexService).Assembly).SetArgDisplayNames("Qoder.Lsp.Indexing");
        yield return new TestCaseData(typeof(Qoder.Lsp.Embeddings.LocalEmbeddingGenerator).Assembly).SetArgDisplayNames("Qoder.Lsp.Embeddings");
    }

    [TestCaseSource(nameof(EnginesAndAdapters))]
    public void EnginesAndAdaptersDoNotReferenceJsonRpcOrWireTypes(Assembly assembly)
    {
        var references = ReferenceNames(assembly);

        Assert.That(references, Has.None.StartsWith("StreamJsonRpc"), $"{assembly.GetName().Name} must not use JSON-RPC; that is Qoder.Lsp.Server's job.");
        Assert.That(references, Has.None.EqualTo(Protocol.GetName().Name), $"{assembly.GetName().Name} must not use wire types; convert in Qoder.Lsp.Server's ProtocolConversions.");
        Assert.That(references, Has.None.EqualTo(Server.GetName().Name));
    }

    [Test]
    public void ProtocolReferencesNothingOfOursNorJsonRpc()
    {
        var references = ReferenceNames(Protocol);

        Assert.That(references, Has.None.StartsWith("Qoder."));
        Assert.That(references, Has.None.StartsWith("StreamJsonRpc"));
    }

    [Test]
    public void CoreDoesNotReferenceTheAdapters()
    {
        Assert.That(ReferenceNames(Core), Has.None.EqualTo(Models.GetName().Name));
    }

    [Test]
    public void TheAssembliesUnderTestAreTheOnesNamedInTheRules()
    {
        // Guards the rules above against a rename that would make them vacuous.
        Assert.That(Protocol.GetName().Name, Is.EqualTo("Qoder.Lsp.Protocol"));
        Assert.That(Core.GetName().Name, Is.EqualTo("Qoder.Lsp.Core"));
        Assert.That(Models.GetName().Name, Is.EqualTo("Qoder.Lsp.Models"));
        Assert.That(ReferenceNames(Server), Does.Contain("StreamJsonRpc").And.Contain("Qoder.Lsp.Protocol"), "the check reads real references");
    }

    private static List<string> ReferenceNames(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name ?? "")];
}
