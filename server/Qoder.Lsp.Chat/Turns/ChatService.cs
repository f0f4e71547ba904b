using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Qoder.Lsp.Chat.Context;
using Qoder.Lsp.Chat.Prompt;
using Qoder.Lsp.Chat.Replies;
using Qoder.Lsp.Chat.Sessions;

namespace Qoder.Lsp.Chat.Turns;

/// <summary>
/// Runs chat turns: resolves context, applies commands, rules and memories, budgets the prompt against the model's
/// window (compacting the history first when it would overflow), streams the reply as events, and stores the
/// exchange — a cancelled or failed reply keeps what was streamed. One turn at a time per session, so compaction
/// never races a streaming reply.
/// </summary>
public sealed class ChatService
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly ChatSessionStore _store;
    private readonly IChatEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly ContextResolver _resolver;
    private readonly ChatCompactor _compactor;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _sessionGates = new(StringComparer.Ordinal);

    public ChatService(ChatSessionStore store, IChatEnvironment environment, TimeProvider? time = null)
    {
        _store = store;
        _environment = environment;
        _time = time ?? TimeProvider.System;
        _resolver = new ContextResolver(environment);
        _compactor = new ChatCompactor(store);
    }

    public ChatSessionStore Sessions => _store;

    public async Task<ChatTurnResult> RunTurnAsync(ChatTurnRequest request, ChatModel model, ChatTurnOptions options, Func<ChatTurnEvent, Task> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Message))
        {
            throw new ChatRequestException("The message is empty.");
        }

        var session = request.SessionId is null ? null : _store.Get(request.SessionId);
        var gate = session is null ? null : _sessionGates.GetOrAdd(session.Id, _ => new SemaphoreSlim(1, 1));
        if (gate is not null && !await gate.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            throw new ChatRequestException("A reply is still streaming in this session; wait for it or cancel it first.");
        }

        try
        {
            return await RunLockedAsync(request, session, model, options, report, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task<ChatTurnResult> RunLockedAsync(ChatTurnRequest request, ChatSessionInfo? session, ChatModel model, ChatTurnOptions options, Func<ChatTurnEvent, Task> report, CancellationToken cancellationToken)
    {
        var turnId = Guid.NewGuid().ToString("N");
        var mode = request.Mode;
        var message = request.Message.Trim();
        var notes = new List<string>();

        var command = _environment.ParseCommand(message);
        if (command is { ExpandedPrompt: null })
        {
            switch (command.Name)
            {
                case "compact":
                    session ??= _store.Create("Compact", mode);
                    return await CompactTurnAsync(session, turnId, command.Arguments, model, report, cancellationToken).ConfigureAwait(false);
                case "plan":
                    mode = ChatMode.Plan;
                    message = command.Arguments.Length > 0 ? command.Arguments : throw new ChatRequestException("/plan needs a task to plan, e.g. /plan add paging to the orders API.");
                    break;
                case "init":
                    message = InitPrompt(command.Arguments);
                    break;
                case "sql" or "db-review" or "mock-data":
                    message = DatabasePrompt(command.Name, command.Arguments);
                    request = request with { Context = WithDatabase(request.Context, command.Name) };
                    break;
                case "memory" when command.Arguments.Length == 0:
                    session ??= _store.Create("Memory", mode);
                    return await ListMemoriesAsync(session, turnId, model, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (command is { ExpandedPrompt: { } expanded })
        {
            message = expanded;
        }

        if (mode == ChatMode.Agent)
        {
            // Said rather than pretended: the agent's editing and terminal tools are not part of this server yet.
            var readOnly = "Agent mode's editing and terminal tools are not available yet; this turn is answered read-only, as in Ask mode.";
            notes.Add(readOnly);
            await report(ChatTurnEvent.Notice(readOnly)).ConfigureAwait(false);
        }

        // Context first: a request that fails on its context creates no session.
        var context = await _resolver.ResolveAsync(request.Context, message, model.SupportsImages, cancellationToken).ConfigureAwait(false);
        session ??= _store.Create(Title(request.Message), mode);
        if (_environment.Remember(message) is { } remembered)
        {
            var saved = $"Saved to memory: {remembered}";
            notes.Add(saved);
            await report(ChatTurnEvent.Notice(saved)).ConfigureAwait(false);
        }

        if (command?.Name == "init")
        {
            context = context with { Blocks = [.. context.Blocks, .. InitContext()] };
        }

        var tools = new ReadOnlyTools(_environment);
        var budget = model.ContextWindow - model.MaxOutputTokens;
        var prompt = await BuildPromptAsync(session, mode, message, context, options, budget, cancellationToken).ConfigureAwait(false);
        if (prompt.EstimatedTokens > budget * options.AutoCompactRatio && prompt.HistoryTokens > 0)
        {
            await report(ChatTurnEvent.Notice("The conversation is close to the model's context window; compacting the history first.")).ConfigureAwait(false);
            var (compacted, _) = await _compactor.CompactAsync(session.Id, turnId, null, model, cancellationToken).ConfigureAwait(false);
            if (compacted > 0)
            {
                notes.Add($"The history was compacted automatically ({compacted} messages summarized; compaction is lossy).");
                prompt = await BuildPromptAsync(session, mode, message, context, options, budget, cancellationToken).ConfigureAwait(false);
            }
        }

        notes.AddRange(prompt.Notes);
        foreach (var note in prompt.Notes)
        {
            await report(ChatTurnEvent.Notice(note)).ConfigureAwait(false);
        }

        if (context.Paths.Count > 0)
        {
            await report(new ChatTurnEvent(ChatTurnEventKind.References) { Paths = context.Paths }).ConfigureAwait(false);
        }

        _store.Append(session.Id, turnId, ChatAuthor.User, message, ChatMessageState.Complete);
        var replySequence = _store.Append(session.Id, turnId, ChatAuthor.Assistant, string.Empty, ChatMessageState.Streaming);
        var reply = new StringBuilder();
        UsageDetails? usage = null;
        try
        {
            usage = await StreamAsync(session.Id, replySequence, prompt, model, tools, reply, report, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _store.Update(session.Id, replySequence, reply.ToString(), ChatMessageState.Cancelled);
            throw;
        }
        catch
        {
            _store.Update(session.Id, replySequence, reply.ToString(), ChatMessageState.Failed);
            throw;
        }

        var text = reply.ToString();
        _store.Update(session.Id, replySequence, text, ChatMessageState.Complete);
        var turnUsage = usage is { InputTokenCount: { } input }
            ? new ChatUsage((int)input, (int)(usage.OutputTokenCount ?? ChatTokenCounter.Count(text)), Estimated: false)
            : new ChatUsage(prompt.EstimatedTokens, ChatTokenCounter.Count(text), Estimated: true);
        var todos = mode == ChatMode.Plan ? TodoParser.Parse(text) : [];
        if (todos.Count > 0)
        {
            await report(new ChatTurnEvent(ChatTurnEventKind.Todos) { Todos = todos }).ConfigureAwait(false);
        }

        await report(new ChatTurnEvent(ChatTurnEventKind.Usage) { Usage = turnUsage }).ConfigureAwait(false);
        var contextTokens = turnUsage.InputTokens + turnUsage.OutputTokens;
        _store.SetContextTokens(session.Id, contextTokens);
        return new ChatTurnResult(
            session.Id, turnId, text, turnUsage, contextTokens, model.ContextWindow,
            CompactSuggested: contextTokens >= model.ContextWindow * options.CompactSuggestionRatio,
            notes, CodeBlockParser.Parse(text))
        {
            Todos = todos,
        };
    }

    private async Task<ChatPrompt> BuildPromptAsync(ChatSessionInfo session, ChatMode mode, string message, ResolvedContext context, ChatTurnOptions options, int tokenBudget, CancellationToken cancellationToken)
    {
        var rules = _environment.Rules(context.Paths, context.ManualRules);
        var memories = await _environment.MemoriesAsync(message, cancellationToken).ConfigureAwait(false);
        var input = new ChatPromptInput(
            mode, message, context, _store.Messages(session.Id), rules, memories, _environment.WorkspaceRoots,
            options.ResponseLanguage, ToolsAvailable: true);
        return ChatPromptBuilder.Build(input, tokenBudget);
    }

    private async Task<UsageDetails?> StreamAsync(
        string sessionId, long replySequence, ChatPrompt prompt, ChatModel model, ReadOnlyTools tools, StringBuilder reply, Func<ChatTurnEvent, Task> report, CancellationToken cancellationToken)
    {
        // Tool calls are answered locally and the model is called again; each round's text streams on.
        using var client = new FunctionInvokingChatClient(model.Client) { MaximumIterationsPerRequest = 12 };
        var chatOptions = new ChatOptions { MaxOutputTokens = model.MaxOutputTokens, Tools = tools.All, AllowMultipleToolCalls = true };
        UsageDetails? usage = null;
        var lastCheckpoint = _time.GetTimestamp();
        var calls = new Dictionary<string, FunctionCallContent>(StringComparer.Ordinal);
        await foreach (var update in client.GetStreamingResponseAsync(prompt.Messages, chatOptions, cancellationToken).ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } delta:
                        reply.Append(delta.Text);
                        await report(ChatTurnEvent.Delta(delta.Text)).ConfigureAwait(false);
                        break;
                    case TextReasoningContent { Text.Length: > 0 } thinking:
                        await report(new ChatTurnEvent(ChatTurnEventKind.Thinking) { Text = thinking.Text }).ConfigureAwait(false);
                        break;
                    case FunctionCallContent call:
                        calls[call.CallId] = call;
                        await report(new ChatTurnEvent(ChatTurnEventKind.ToolCall) { ToolCall = new ChatToolCall(call.CallId, call.Name, Arguments(call), "running", null) }).ConfigureAwait(false);
                        break;
                    case FunctionResultContent result:
                        var name = calls.TryGetValue(result.CallId, out var started) ? started.Name : "tool";
                        var output = result.Result?.ToString() ?? string.Empty;
                        var status = result.Exception is null && !output.StartsWith("Error:", StringComparison.Ordinal) ? "done" : "failed";
                        await report(new ChatTurnEvent(ChatTurnEventKind.ToolCall) { ToolCall = new ChatToolCall(result.CallId, name, started is null ? "{}" : Arguments(started), status, Summarize(output)) }).ConfigureAwait(false);
                        break;
                    case UsageContent used:
                        usage = used.Details;
                        break;
                }
            }

            if (_time.GetElapsedTime(lastCheckpoint) >= CheckpointInterval)
            {
                _store.Update(sessionId, replySequence, reply.ToString(), ChatMessageState.Streaming);
                lastCheckpoint = _time.GetTimestamp();
            }
        }

        return usage;
    }

    private async Task<ChatTurnResult> CompactTurnAsync(ChatSessionInfo session, string turnId, string instructions, ChatModel model, Func<ChatTurnEvent, Task> report, CancellationToken cancellationToken)
    {
        await report(ChatTurnEvent.Notice("Compacting the conversation…")).ConfigureAwait(false);
        var (compacted, summary) = await _compactor.CompactAsync(session.Id, turnId, instructions, model, cancellationToken).ConfigureAwait(false);
        var reply = summary is null
            ? "There is nothing to compact yet."
            : string.Create(CultureInfo.InvariantCulture,
                $"Compacted {compacted} messages into a summary of about {ChatTokenCounter.Count(summary)} tokens. Compaction is lossy: details that are not in the summary are no longer available to the model.\n\n{summary}");
        await report(ChatTurnEvent.Delta(reply)).ConfigureAwait(false);
        var tokens = summary is null ? session.ContextTokens : ChatTokenCounter.Count(summary);
        _store.SetContextTokens(session.Id, tokens);
        return new ChatTurnResult(session.Id, turnId, reply, new ChatUsage(0, 0, Estimated: true), tokens, model.ContextWindow, false, [], []);
    }

    private async Task<ChatTurnResult> ListMemoriesAsync(ChatSessionInfo session, string turnId, ChatModel model, CancellationToken cancellationToken)
    {
        var memories = await _environment.MemoriesAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        var reply = memories.Count == 0
            ? "No memories yet. Say \"remember that …\" or use /memory add … to save one."
            : "Memories:\n" + string.Concat(memories.Select(memory => "- " + memory + "\n"));
        return new ChatTurnResult(session.Id, turnId, reply, new ChatUsage(0, 0, Estimated: true), session.ContextTokens, model.ContextWindow, false, [], []);
    }

    /// <summary>The database commands work on a schema: the one named with @database, or the only connection there is.</summary>
    private IReadOnlyList<ChatContextItem> WithDatabase(IReadOnlyList<ChatContextItem> context, string command)
    {
        if (context.Any(item => item.Kind == ChatContextKind.Database))
        {
            return context;
        }

        var names = _environment.DatabaseNames;
        return names.Count switch
        {
            0 => throw new ChatRequestException($"/{command} works on a database schema, and no database connection is configured (settings: databases, or qoder/database/register)."),
            1 => [.. context, new ChatContextItem { Kind = ChatContextKind.Database, Name = names[0] }],
            _ => throw new ChatRequestException($"Several databases are connected ({string.Join(", ", names)}); add @database to say which one /{command} is for."),
        };
    }

    // The product docs' command texts, with "Don't scan project files!" as they recommend for database-only commands.
    private static string DatabasePrompt(string command, string arguments)
    {
        var task = command switch
        {
            "sql" => "Generate SQL statements based on the current database schema, in its dialect, using only the tables and columns it has.",
            "db-review" => "Review the database schema and check: naming conventions, index design, data types, table relationships. Give concrete findings per table or column, each with the fix (as DDL where it helps).",
            _ => "Generate INSERT test data based on the table structure: realistic values that respect column types, NOT NULL, unique and primary keys, and foreign keys (parents before children).",
        };
        return "Don't scan project files! " + task + (arguments.Length > 0 ? "\n" + arguments : string.Empty);
    }

    private IEnumerable<ContextBlock> InitContext()
    {
        foreach (var root in _environment.WorkspaceRoots)
        {
            yield return new ContextBlock($"Folder {root}", string.Join('\n', _environment.ListFolder(root, 400)), null, null);
        }
    }

    private static string InitPrompt(string extra) =>
        "Write an AGENTS.md for this repository: what the project is, how it is laid out, how to build, test and run it, "
        + "the coding conventions you can see, and anything an AI agent must know before changing code. Read the key files "
        + "(README, build and package files, entry points) with the tools first. Answer with the complete file in one code "
        + "block whose fence names path=AGENTS.md." + (extra.Length > 0 ? "\nAlso: " + extra : string.Empty);

    private static string Title(string message)
    {
        var firstLine = message.Trim().Split('\n')[0].Trim();
        return firstLine.Length <= 60 ? firstLine : firstLine[..60].TrimEnd() + "…";
    }

    private static string Arguments(FunctionCallContent call) =>
        call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments);

    private static string Summarize(string output) => output.Length <= 500 ? output : output[..500] + "…";
}
