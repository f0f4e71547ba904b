using System.Text.Json;
using Qoder.Lsp.Completion.Service;
using Qoder.Lsp.Core.Models;
using Qoder.Lsp.Core.Text;
using Qoder.Lsp.Core.Workspace;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server;

/// <summary>
/// The one place where wire types become engine types and back (after rust-analyzer's to_proto/from_proto).
/// **Architecture Invariant:** feature engines never see Qoder.Lsp.Protocol types.
/// </summary>
internal static class ProtocolConversions
{
    public static LinePosition ToLinePosition(Position position) => new(position.Line, position.Character);

    public static Position ToPosition(LinePosition position) => new(position.Line, position.Character);

    public static LineRange ToLineRange(Protocol.Range range) => new(ToLinePosition(range.Start), ToLinePosition(range.End));

    public static Protocol.Range ToRange(LineRange range) => new(ToPosition(range.Start), ToPosition(range.End));

    public static TextChange ToTextChange(TextDocumentContentChangeEvent change) =>
        new(change.Range is null ? null : ToLineRange(change.Range), change.Text ?? throw new ArgumentException("A content change must have text."));

    public static WorkspaceRoot ToWorkspaceRoot(WorkspaceFolder folder) => new(folder.Uri, folder.Name, DocumentUris.TryGetLocalPath(folder.Uri));

    /// <summary>file:// URI → local path; null for other schemes or malformed URIs.</summary>
    public static ModelRoleStatus ToModelRoleStatus(ModelStatus status) => new(
        ModelRoles.ToConfigName(status.Role),
        status.Provider,
        status.Model,
        status.Availability switch
        {
            ModelAvailability.NotConfigured => "notConfigured",
            ModelAvailability.Reachable => "reachable",
            ModelAvailability.Unreachable => "unreachable",
            _ => "unknown",
        },
        status.Message);

    /// <summary>Items insert at the cursor; each carries the accept command with its id.</summary>
    public static InlineCompletionList ToInlineCompletionList(InlineCompletionResult result, LinePosition cursor)
    {
        var at = ToPosition(cursor);
        return new InlineCompletionList([.. result.Items.Select(item => new InlineCompletionItem
        {
            InsertText = item.InsertText,
            // The end covers the auto-closed brackets/quotes the item replaces, all on the cursor's line.
            Range = new Protocol.Range(at, at with { Character = at.Character + item.ReplaceLength }),
            Command = new Command
            {
                Title = "Accept completion",
                Name = QoderCommands.DidAcceptCompletion,
                Arguments = [JsonSerializer.SerializeToElement(item.Id)],
            },
        })]);
    }
}
