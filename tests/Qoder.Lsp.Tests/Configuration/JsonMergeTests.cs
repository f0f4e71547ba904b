using System.Text.Json.Nodes;
using Qoder.Lsp.Core.Configuration;

namespace Qoder.Lsp.Tests.Configuration;

public sealed class JsonMergeTests
{
    [Test]
    public void ObjectsMergeKeyByKeyAtEveryDepth()
    {
        var merged = Merge(
            """{ "models": { "providers": { "a": { "baseUrl": "u1", "apiKey": "k1" } }, "roles": { "chat": { "model": "m" } } } }""",
            """{ "models": { "providers": { "a": { "apiKey": "k2" }, "b": { "baseUrl": "u3" } } } }""");

        Assert.That(merged, Is.EqualTo("""{"models":{"providers":{"a":{"baseUrl":"u1","apiKey":"k2"},"b":{"baseUrl":"u3"}},"roles":{"chat":{"model":"m"}}}}"""));
    }

    [Test]
    public void ArraysAreReplacedNotConcatenated()
    {
        var merged = Merge("""{ "http": { "noProxy": ["a", "b", "c"] } }""", """{ "http": { "noProxy": ["d"] } }""");

        Assert.That(merged, Is.EqualTo("""{"http":{"noProxy":["d"]}}"""));
    }

    [Test]
    public void AnEmptyArrayInTheHigherSourceEmptiesTheList()
    {
        Assert.That(Merge("""{ "list": [1, 2] }""", """{ "list": [] }"""), Is.EqualTo("""{"list":[]}"""));
    }

    [Test]
    public void ExplicitNullRemovesTheKey()
    {
        var merged = Merge(
            """{ "models": { "providers": { "a": { "apiKey": "k" }, "b": {} } }, "log": { "level": "debug" } }""",
            """{ "models": { "providers": { "a": null } }, "log": { "level": null } }""");

        Assert.That(merged, Is.EqualTo("""{"models":{"providers":{"b":{}}},"log":{}}"""));
    }

    [Test]
    public void NullsInsideANewObjectAreDroppedButNullsInArraysAreKept()
    {
        var merged = Merge("""{ "x": 5 }""", """{ "x": { "a": null, "b": 1 }, "y": [null, 1], "z": null }""");

        Assert.That(merged, Is.EqualTo("""{"x":{"b":1},"y":[null,1]}"""));
    }

    [Test]
    public void ScalarsAndObjectsReplaceEachOther()
    {
        Assert.That(Merge("""{ "x": { "a": 1 } }""", """{ "x": "flat" }"""), Is.EqualTo("""{"x":"flat"}"""));
        Assert.That(Merge("""{ "x": "flat" }""", """{ "x": { "a": 1 } }"""), Is.EqualTo("""{"x":{"a":1}}"""));
        Assert.That(Merge("""{ "x": [1] }""", """{ "x": { "a": 1 } }"""), Is.EqualTo("""{"x":{"a":1}}"""));
        Assert.That(Merge("""{ "x": 1, "t": true }""", """{ "x": 2.5, "t": false }"""), Is.EqualTo("""{"x":2.5,"t":false}"""));
    }

    [Test]
    public void TheInputsAreNotModified()
    {
        var lower = JsonNode.Parse("""{ "a": { "b": 1 }, "c": [1] }""")!.AsObject();
        var higher = JsonNode.Parse("""{ "a": { "b": 2, "d": null }, "c": null }""")!.AsObject();

        var merged = JsonMerge.Merge(lower, higher);
        merged["a"]!["b"] = 3;

        Assert.That(lower.ToJsonString(), Is.EqualTo("""{"a":{"b":1},"c":[1]}"""));
        Assert.That(higher.ToJsonString(), Is.EqualTo("""{"a":{"b":2,"d":null},"c":null}"""));
    }

    [Test]
    public void MergingANonObjectIsRejected()
    {
        using var document = System.Text.Json.JsonDocument.Parse("[1]");

        Assert.That(() => JsonMerge.MergeInto(new JsonObject(), document.RootElement), Throws.ArgumentException);
    }

    private static string Merge(string lower, string higher) =>
        JsonMerge.Merge(JsonNode.Parse(lower)!.AsObject(), JsonNode.Parse(higher)!.AsObject()).ToJsonString();
}
