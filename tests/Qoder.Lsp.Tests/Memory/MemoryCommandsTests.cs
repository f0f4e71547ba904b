using Qoder.Lsp.Context.Memory;

namespace Qoder.Lsp.Tests.Memory;

/// <summary>Which chat messages are explicit requests to remember, with what content and scope.</summary>
public sealed class MemoryCommandsTests
{
    [TestCase("Remember that this project's integration tests require local Redis first.", "this project's integration tests require local Redis first", MemoryScope.Project)]
    [TestCase("remember: we deploy on Tuesdays", "we deploy on Tuesdays", MemoryScope.Project)]
    [TestCase("Please remember that I prefer tabs.", "I prefer tabs", MemoryScope.Project)]
    [TestCase("Can you remember my name is Ann", "my name is Ann", MemoryScope.Project)]
    [TestCase("remember globally that I like concise answers", "I like concise answers", MemoryScope.Global)]
    [TestCase("Remember for all projects: answer in English", "answer in English", MemoryScope.Global)]
    [TestCase("remember that I like concise answers, globally", "I like concise answers", MemoryScope.Global)]
    [TestCase("Remember that when deploying, migrations run first.", "when deploying, migrations run first", MemoryScope.Project)]
    [TestCase("/memory add --global Use British spelling", "Use British spelling", MemoryScope.Global)]
    [TestCase("/memory add -p API keys live in Vault", "API keys live in Vault", MemoryScope.Project)]
    [TestCase("/memory add the build needs JDK 21", "the build needs JDK 21", MemoryScope.Project)]
    [TestCase("/remember staging is at staging.example.com", "staging is at staging.example.com", MemoryScope.Project)]
    [TestCase("请记住：测试前先启动 Redis", "测试前先启动 Redis", MemoryScope.Project)]
    [TestCase("全局记住 回答用中文", "回答用中文", MemoryScope.Global)]
    [TestCase("remember: \"quoted content\"", "quoted content", MemoryScope.Project)]
    public void Recognises_requests_to_remember(string message, string content, MemoryScope scope)
    {
        var request = MemoryCommands.TryParseRemember(message);

        Assert.That(request, Is.EqualTo(new RememberRequest(content, scope)));
    }

    [TestCase("Do you remember that bug from yesterday?")]
    [TestCase("remember to close the file handle in your answer")]
    [TestCase("Remember when we fixed the parser?")]
    [TestCase("remember what the error was?")]
    [TestCase("How do I make the app remember the login?")]
    [TestCase("remembering things is hard")]
    [TestCase("remember")]
    [TestCase("/memory add")]
    [TestCase("/memory list")]
    [TestCase("")]
    [TestCase("   ")]
    public void Ignores_messages_that_do_not_ask_to_remember(string message)
    {
        Assert.That(MemoryCommands.TryParseRemember(message), Is.Null);
    }
}
