using System.Text.Json;
using Qoder.Lsp.NextEdit;
using Qoder.Lsp.Protocol;

namespace Qoder.Lsp.Server;

/// <summary>Next edit engine results → wire types (kept apart from <see cref="ProtocolConversions"/>, which they would double).</summary>
internal static class NextEditConversions
{
    public static NextEditResult ToResult(IReadOnlyList<NextEditSuggestion> suggestions) =>
        new() { Items = [.. suggestions.Select(ToItem)] };

    public static NextEditItem ToItem(NextEditSuggestion suggestion)
    {
        var argument = JsonSerializer.SerializeToElement(suggestion.Id);
        return new NextEditItem
        {
            Id = suggestion.Id,
            Edits = [.. suggestion.Edits.Select(edit => new Protocol.NextEditTextEdit
            {
                TextDocument = new OptionalVersionedTextDocumentIdentifier(edit.Uri, edit.Version),
                Range = ProtocolConversions.ToRange(edit.Range),
                NewText = edit.NewText,
            })],
            Jump = suggestion.Jump is { } jump ? new NextEditJump { Uri = jump.Uri, Position = ProtocolConversions.ToPosition(jump.Position) } : null,
            Commands = new NextEditCommands
            {
                Accept = new Command { Title = "Accept next edit", Name = NextEditCommandNames.Accept, Arguments = [argument] },
                Reject = new Command { Title = "Reject next edit", Name = NextEditCommandNames.Reject, Arguments = [argument] },
                Ignore = new Command { Title = "Ignore next edit", Name = NextEditCommandNames.Ignore, Arguments = [argument] },
            },
        };
    }
}
