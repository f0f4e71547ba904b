namespace Qoder.Lsp.Completion.Context;

/// <summary>Knobs of <see cref="SnippetRanker"/>; the defaults keep a request's ranking well under a millisecond once windows are cached.</summary>
public sealed record SnippetRankerOptions
{
    /// <summary>How many lines before the cursor describe "the code around the cursor".</summary>
    public int QueryLines { get; init; } = 20;

    /// <summary>Lines per candidate window.</summary>
    public int WindowLines { get; init; } = 20;

    /// <summary>Lines between the starts of consecutive windows; less than <see cref="WindowLines"/> so a match is not split in two.</summary>
    public int WindowStep { get; init; } = 10;

    /// <summary>How many snippets at most.</summary>
    public int MaxSnippets { get; init; } = 3;

    /// <summary>Minimum Jaccard similarity (before boosts) for a window to be used at all.</summary>
    public double MinSimilarity { get; init; } = 0.1;

    /// <summary>Total characters of snippet text; the pipeline adds a comment marker per line on top, within its own budget.</summary>
    public int MaxChars { get; init; } = 1600;

    /// <summary>Lines looked at across all candidates in one request, which bounds the work whatever the files' sizes.</summary>
    public int MaxLinesScanned { get; init; } = 2000;

    /// <summary>Lines looked at in one candidate, so one huge file does not starve the others.</summary>
    public int MaxLinesPerFile { get; init; } = 800;

    /// <summary>Multiplier added for a window within <see cref="EditRadius"/> lines of a recent edit.</summary>
    public double EditBoost { get; init; } = 0.5;

    /// <summary>How far from an edit line a window still counts as "around the edit".</summary>
    public int EditRadius { get; init; } = 10;

    /// <summary>Multiplier added for a file touched just now, fading linearly to nothing over <see cref="RecencyHorizon"/>.</summary>
    public double RecencyBoost { get; init; } = 0.25;

    public TimeSpan RecencyHorizon { get; init; } = TimeSpan.FromMinutes(10);
}
