using System.Text;
using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

/// <summary>
/// <see cref="ChunkedText"/> against a plain string: random edits of every shape the chunking has to get right (at
/// chunk boundaries, across several chunks, pastes that are cut again), then what a keystroke relies on: no copy of
/// the text a snapshot was made from, a cheap and correct diff of two snapshots, and an edit that costs one chunk.
/// </summary>
public sealed class ChunkedTextTests
{
    private const int ChunkSize = ChunkedText.ChunkSize;

    // Every line break kind (and \r, \n on their own, so that edits join them into or split them from a \r\n),
    // surrogate pairs, and ordinary characters. Edits cut anywhere, also inside a \r\n or a surrogate pair: the
    // chunks hold UTF-16 code units and must not care. '#' and '~' are left out: '#' is only ever inserted as a
    // lone marker and '~' never, so a search for them runs over long stretches of chunks.
    private static readonly string[] Pieces = ["a", "b", "xyz", " ", "\n", "\r", "\r\n", "😀", "é", "\t"];

    // The character pairs searched for: line breaks (found within a few characters, except in runs of letters),
    // the rare marker (usually found far away, or not at all), and a tab or the low half of a surrogate pair.
    private static readonly (char First, char Second)[] Searches = [('\r', '\n'), ('#', '~'), ('\t', "😀"[1])];

    [Test]
    public void Random_edits_match_a_plain_string([Values(11, 23, 37)] int seed, [Values(0, 40, 300_000)] int startLength)
    {
        var random = new Random(seed);
        var expected = RandomText(random, startLength);
        var text = ChunkedText.From(expected);
        var editsSinceFrom = 0;

        for (var step = 0; step < 300; step++)
        {
            var (start, end, newText) = RandomEdit(random, expected);
            var context = $"seed {seed}, start length {startLength}, step {step}: Replace({start}, {end}, {newText.Length} characters) on {expected.Length}";
            var edited = text.Replace(start, end, newText);
            var editedExpected = NaiveText.Replace(expected, start, end, newText);
            editsSinceFrom = start == 0 && end == expected.Length ? 0 : editsSinceFrom + 1;

            // Reads go through the chunks only while the text has not been built as one string, so they come before ToString().
            AssertReadsMatch(edited, editedExpected, random, start, start + newText.Length, context);
            AssertComparisonsMatch(text, edited, expected, editedExpected, random, context);
            AssertChunkCountBounded(text, edited, newText, editsSinceFrom, context);
            Assert.That(edited.ToString(), Is.EqualTo(editedExpected), context);
            Assert.That(edited.ToString(), Is.SameAs(edited.ToString()), context);

            // The previous snapshot still reads as before: the edit shared its chunks, it did not change them. CopyTo
            // reads the chunks even when the whole string is cached.
            var previous = new char[expected.Length];
            text.CopyTo(0, previous);
            Assert.That(new string(previous), Is.EqualTo(expected), context);

            text = edited;
            expected = editedExpected;
        }
    }

    [Test]
    public void From_wraps_the_string_without_copying_it()
    {
        var source = RandomText(new Random(1), 3 * ChunkSize + 5);

        var text = ChunkedText.From(source);

        Assert.That(text.ToString(), Is.SameAs(source));
        Assert.That(text.Length, Is.EqualTo(source.Length));
        Assert.That(text.Substring(ChunkSize - 3, 6), Is.EqualTo(source.Substring(ChunkSize - 3, 6)));
        // Three full chunks and a short last one.
        Assert.That(text.ChunkCount, Is.EqualTo(4));
    }

    [Test]
    public void The_empty_text_has_no_chunks()
    {
        var empty = ChunkedText.From(string.Empty);

        Assert.That(empty.ToString(), Is.SameAs(string.Empty));
        Assert.That(empty.Length, Is.Zero);
        Assert.That(empty.ChunkCount, Is.Zero);
        Assert.That(empty.Substring(0, 0), Is.Empty);
        Assert.That(empty.IndexOfAny('\r', '\n', 0, 0), Is.EqualTo(-1));
        Assert.That(empty.CommonPrefixLength(ChunkedText.From("abc")), Is.Zero);
        Assert.That(empty.CommonSuffixLength(ChunkedText.From("abc"), int.MaxValue), Is.Zero);
        Assert.That(() => empty.CopyTo(0, Span<char>.Empty), Throws.Nothing);
    }

    [Test]
    public void Editing_the_empty_text()
    {
        var empty = ChunkedText.From(string.Empty);
        var paste = RandomText(new Random(2), 3 * ChunkSize);

        var typed = empty.Replace(0, 0, "a");
        var pasted = empty.Replace(0, 0, paste);
        var cleared = typed.Replace(0, 1, string.Empty);

        Assert.That((typed.ToString(), typed.Length, typed.ChunkCount), Is.EqualTo(("a", 1, 1)));
        Assert.That(pasted.ToString(), Is.EqualTo(paste));
        Assert.That(pasted.ChunkCount, Is.EqualTo(3));
        Assert.That((cleared.ToString(), cleared.Length, cleared.ChunkCount), Is.EqualTo((string.Empty, 0, 0)));
        Assert.That(empty.Length, Is.Zero);
    }

    [Test]
    public void After_an_edit_the_whole_string_is_built_once_and_kept()
    {
        var source = RandomText(new Random(3), 2 * ChunkSize + 100);

        var edited = ChunkedText.From(source).Replace(ChunkSize + 10, ChunkSize + 12, "XY\r\n");
        var built = edited.ToString();

        Assert.That(built, Is.EqualTo(NaiveText.Replace(source, ChunkSize + 10, ChunkSize + 12, "XY\r\n")));
        Assert.That(edited.ToString(), Is.SameAs(built));
        // Once built, reads take the string's path; they must agree with it.
        Assert.That(edited.Substring(ChunkSize + 8, 8), Is.EqualTo(built.Substring(ChunkSize + 8, 8)));
    }

    [Test]
    public void Replacing_everything_takes_the_new_string_without_copying_it()
    {
        // An edited text, so that the replacement does not start from a text that is one string already.
        var text = ChunkedText.From(RandomText(new Random(4), 2 * ChunkSize)).Replace(5, 5, "x");
        var replacement = RandomText(new Random(5), 3 * ChunkSize + 1);

        var replaced = text.Replace(0, text.Length, replacement);
        var cleared = text.Replace(0, text.Length, string.Empty);

        // A full-document sync hands over the client's text; keeping it avoids a second copy of a large file.
        Assert.That(replaced.ToString(), Is.SameAs(replacement));
        Assert.That(replaced.ChunkCount, Is.EqualTo(4));
        Assert.That((cleared.ToString(), cleared.Length, cleared.ChunkCount), Is.EqualTo((string.Empty, 0, 0)));
    }

    [Test]
    public void Deleting_exactly_one_chunk_leaves_no_empty_chunk_behind()
    {
        // An empty chunk would share its start with the next one, and the binary search that finds the chunk of an
        // offset could land on it.
        var source = RandomText(new Random(6), 3 * ChunkSize);
        while (source.Length > 3 * ChunkSize)
        {
            source = source[..^1];
        }

        var deleted = ChunkedText.From(source).Replace(ChunkSize, 2 * ChunkSize, string.Empty);
        var expected = source[..ChunkSize] + source[(2 * ChunkSize)..];

        Assert.That(deleted.ChunkCount, Is.EqualTo(2));
        Assert.That((deleted[ChunkSize - 1], deleted[ChunkSize]), Is.EqualTo((expected[ChunkSize - 1], expected[ChunkSize])));
        Assert.That(deleted.Substring(ChunkSize - 2, 4), Is.EqualTo(expected.Substring(ChunkSize - 2, 4)));
        Assert.That(deleted.IndexOfAny('#', '~', 0, deleted.Length), Is.EqualTo(-1));
        Assert.That(deleted.ToString(), Is.EqualTo(expected));

        // Typing at the boundary the deletion left goes into the chunk after it.
        var typed = deleted.Replace(ChunkSize, ChunkSize, "\r\n");
        Assert.That(typed.ToString(), Is.EqualTo(NaiveText.Replace(expected, ChunkSize, ChunkSize, "\r\n")));
        Assert.That(typed.ChunkCount, Is.EqualTo(2));
    }

    [Test]
    public void A_paste_longer_than_two_chunks_is_cut_into_chunks()
    {
        var source = RandomText(new Random(7), 3 * ChunkSize);
        var paste = RandomText(new Random(8), 5 * ChunkSize);
        while (source.Length > 3 * ChunkSize)
        {
            source = source[..^1];
        }

        while (paste.Length > 5 * ChunkSize)
        {
            paste = paste[..^1];
        }

        var pasted = ChunkedText.From(source).Replace(ChunkSize + 10, ChunkSize + 10, paste);
        var expected = NaiveText.Replace(source, ChunkSize + 10, ChunkSize + 10, paste);

        // The second chunk and the paste make 6 × ChunkSize characters, cut into six chunks; the first and last chunks stay.
        Assert.That(pasted.ChunkCount, Is.EqualTo(8));
        Assert.That(pasted.Substring(ChunkSize, 3 * ChunkSize), Is.EqualTo(expected.Substring(ChunkSize, 3 * ChunkSize)));
        Assert.That(pasted.ToString(), Is.EqualTo(expected));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Out_of_range_arguments_are_refused(bool wholeStringBuilt)
    {
        var source = RandomText(new Random(9), 2 * ChunkSize + 7);
        var text = ChunkedText.From(source).Replace(ChunkSize, ChunkSize, "x");
        if (wholeStringBuilt)
        {
            // Substring reads the built string instead of the chunks: both paths must check their arguments.
            _ = text.ToString();
        }

        var length = text.Length;

        Assert.That(() => text.Replace(-1, 0, "x"), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Replace(5, 4, "x"), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Replace(0, length + 1, "x"), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Replace(length + 1, length + 1, "x"), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Replace(0, 0, null!), Throws.TypeOf<ArgumentNullException>());
        Assert.That(() => text[length], Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text[-1], Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Substring(-1, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Substring(3, -1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Substring(0, length + 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.Substring(length, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.CopyTo(-1, new char[1]), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.CopyTo(length - 1, new char[2]), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.IndexOfAny('\r', '\n', -1, 3), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.IndexOfAny('\r', '\n', 5, 4), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => text.IndexOfAny('\r', '\n', 0, length + 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => ChunkedText.From(null!), Throws.TypeOf<ArgumentNullException>());
        Assert.That(text.ToString(), Is.EqualTo(NaiveText.Replace(source, ChunkSize, ChunkSize, "x")));
    }

    [Test]
    public void The_diff_of_a_keystroke_in_a_large_text_is_the_keystroke()
    {
        var source = CodeLikeText(300_000);
        var before = ChunkedText.From(source);
        var length = source.Length;
        var at = 150_000;
        while (source[at] == source[at + 1] || source[at] == source[at - 1])
        {
            at++;
        }

        Assert.That(source, Does.Not.Contain("Q"));

        // Typed, overtyped and deleted: prefix and suffix meet exactly at the changed character.
        var typed = before.Replace(at, at, "Q");
        AssertDiff(before, typed, expectedPrefix: at, expectedSuffix: length - at);
        var overtyped = before.Replace(at, at + 1, "Q");
        AssertDiff(before, overtyped, expectedPrefix: at, expectedSuffix: length - at - 1);
        var deleted = before.Replace(at, at + 1, string.Empty);
        AssertDiff(before, deleted, expectedPrefix: at, expectedSuffix: length - at - 1);

        // Typing the character that is already there: the prefix runs past the edit, and the limit a diff passes
        // keeps the suffix from overlapping it, so the diff still comes out as one inserted character.
        var repeated = before.Replace(at, at, source[at].ToString());
        var prefix = before.CommonPrefixLength(repeated);
        var suffix = before.CommonSuffixLength(repeated, length - prefix);
        Assert.That(prefix, Is.EqualTo(at + 1));
        Assert.That(prefix + suffix, Is.EqualTo(length));
        Assert.That(source[..prefix] + repeated.Substring(prefix, repeated.Length - suffix - prefix) + source[^suffix..], Is.EqualTo(repeated.ToString()));

        // The keystroke rebuilt one chunk and shared the rest: it did not re-cut the text.
        Assert.That(typed.ChunkCount, Is.EqualTo(before.ChunkCount));
        // Two snapshots of one text are entirely common.
        Assert.That(typed.CommonPrefixLength(typed), Is.EqualTo(typed.Length));
        Assert.That(typed.CommonSuffixLength(typed, int.MaxValue), Is.EqualTo(typed.Length));
    }

    [Test]
    public void A_keystroke_in_a_large_text_allocates_about_one_chunk_not_a_copy()
    {
        var source = CodeLikeText(300_000);
        var text = ChunkedText.From(source).Replace(1000, 1000, "w");
        // Warm-up: the first call compiles the code path.
        _ = text.Replace(150_000, 150_000, "x");
        var largest = 0L;

        // Each keystroke is typed into the snapshot the last one left, as in an editor; after a few thousand the
        // chunk being typed into grows past 2 × ChunkSize and is cut again, which must stay cheap too.
        for (var i = 0; i < 5000; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var typed = text.Replace(150_000 + i, 150_000 + i, "y");
            largest = Math.Max(largest, GC.GetAllocatedBytesForCurrentThread() - before);
            text = typed;
        }

        // The text is about 600 KB of UTF-16; a copy of it would be that much, on the large-object heap.
        Assert.That(text.Length * sizeof(char), Is.GreaterThan(600_000));
        Assert.That(largest, Is.LessThan(64 * 1024));
        Assert.That(text.Substring(150_000, 5000), Is.EqualTo(new string('y', 5000)));
        // Offset 150,000 of the text is offset 149,999 of the source, since the "w" typed before.
        Assert.That(text.ToString(), Is.EqualTo(source[..1000] + "w" + source[1000..149_999] + new string('y', 5000) + source[149_999..]));
    }

    private static void AssertDiff(ChunkedText before, ChunkedText after, int expectedPrefix, int expectedSuffix)
    {
        var prefix = before.CommonPrefixLength(after);
        // A diff limits the suffix to what the prefix leaves of the shorter text, so that the two never overlap.
        var limit = Math.Min(before.Length, after.Length) - prefix;

        Assert.That(prefix, Is.EqualTo(expectedPrefix));
        Assert.That(after.CommonPrefixLength(before), Is.EqualTo(expectedPrefix));
        Assert.That(before.CommonSuffixLength(after, limit), Is.EqualTo(expectedSuffix));
        Assert.That(after.CommonSuffixLength(before, limit), Is.EqualTo(expectedSuffix));
    }

    private static void AssertReadsMatch(ChunkedText text, string expected, Random random, int editStart, int editEnd, string context)
    {
        var length = expected.Length;
        Assert.That(text.Length, Is.EqualTo(length), context);

        // Around the edit, at both ends, at random, and on both sides of a multiple of ChunkSize.
        var boundary = ChunkSize * random.Next(length / ChunkSize + 1);
        foreach (var offset in new[] { 0, length - 1, editStart - 1, editStart, editEnd - 1, editEnd, boundary - 1, boundary, random.Next(length + 1), random.Next(length + 1) })
        {
            if (offset >= 0 && offset < length)
            {
                Assert.That(text[offset], Is.EqualTo(expected[offset]), $"{context}, [{offset}]");
            }
        }

        foreach (var (start, count) in RandomRanges(random, length, editStart, editEnd))
        {
            Assert.That(text.Substring(start, count), Is.EqualTo(expected.Substring(start, count)), $"{context}, Substring({start}, {count})");

            var copy = new char[count];
            text.CopyTo(start, copy);
            Assert.That(new string(copy), Is.EqualTo(expected.Substring(start, count)), $"{context}, CopyTo({start}, {count})");

            foreach (var (first, second) in Searches)
            {
                Assert.That(
                    text.IndexOfAny(first, second, start, start + count),
                    Is.EqualTo(expected.IndexOfAny([first, second], start, count)),
                    $"{context}, IndexOfAny({(int)first}, {(int)second}, {start}, {start + count})");
            }
        }
    }

    /// <summary>Ranges (start, length) that start and end anywhere, cross multiples of ChunkSize, cover the edit, and are empty or whole.</summary>
    private static IEnumerable<(int Start, int Length)> RandomRanges(Random random, int length, int editStart, int editEnd)
    {
        yield return (0, length);
        yield return (length, 0);
        yield return (Math.Max(0, editStart - 10), Math.Min(length, editEnd + 10) - Math.Max(0, editStart - 10));
        for (var i = 0; i < 3; i++)
        {
            var start = random.Next(length + 1);
            yield return (start, random.Next(Math.Min(length - start, 3 * ChunkSize) + 1));
        }

        if (length > ChunkSize)
        {
            var boundary = ChunkSize * random.Next(1, length / ChunkSize + 1);
            var start = Math.Max(0, boundary - random.Next(1, 50));
            yield return (start, Math.Min(length, boundary + random.Next(1, 50)) - start);
            yield return (start, Math.Min(length - start, random.Next(2 * ChunkSize, 4 * ChunkSize)));
        }
    }

    private static void AssertComparisonsMatch(ChunkedText before, ChunkedText after, string beforeText, string afterText, Random random, string context)
    {
        var prefix = NaivePrefix(beforeText, afterText);
        var suffix = NaiveSuffix(beforeText, afterText);
        var shorter = Math.Min(beforeText.Length, afterText.Length);
        Assert.That(before.CommonPrefixLength(after), Is.EqualTo(prefix), $"{context}, prefix");
        Assert.That(after.CommonPrefixLength(before), Is.EqualTo(prefix), $"{context}, prefix the other way");

        // No limit; the limit a diff uses; limits inside the true common suffix (which cut a run of shared chunks short); none at all.
        int[] limits = [int.MaxValue, shorter, shorter - prefix, Math.Max(0, suffix - 1), suffix / 2, random.Next(suffix + 1), random.Next(shorter + 1), 0];
        foreach (var limit in limits)
        {
            Assert.That(before.CommonSuffixLength(after, limit), Is.EqualTo(Math.Min(suffix, limit)), $"{context}, suffix limited to {limit}");
            Assert.That(after.CommonSuffixLength(before, limit), Is.EqualTo(Math.Min(suffix, limit)), $"{context}, suffix the other way limited to {limit}");
        }

        // Against a text of the same content that shares no chunk and is cut elsewhere, every character is compared.
        var unshared = ChunkedText.From(new string(afterText.AsSpan()));
        Assert.That(unshared.CommonPrefixLength(after), Is.EqualTo(afterText.Length), $"{context}, prefix with an unshared copy");
        Assert.That(after.CommonSuffixLength(unshared, int.MaxValue), Is.EqualTo(afterText.Length), $"{context}, suffix with an unshared copy");
        Assert.That(before.CommonPrefixLength(unshared), Is.EqualTo(prefix), $"{context}, previous text's prefix with an unshared copy");
        Assert.That(before.CommonSuffixLength(unshared, shorter - prefix), Is.EqualTo(Math.Min(suffix, shorter - prefix)), $"{context}, previous text's suffix with an unshared copy");
    }

    private static void AssertChunkCountBounded(ChunkedText before, ChunkedText after, string newText, int editsSinceFrom, string context)
    {
        var length = after.Length;
        var count = after.ChunkCount;

        // Chunks are never empty, and never longer than 2 × ChunkSize: a rebuilt piece longer than that is cut into
        // pieces of ChunkSize.
        Assert.That(count, Is.InRange((length + 2 * ChunkSize - 1) / (2 * ChunkSize), length), $"{context}, chunks");

        // A chunk shorter than ChunkSize is the last one From cut, or the one short piece an edit leaves (the rebuilt
        // piece, or the last of those it was cut into); every other chunk holds at least ChunkSize characters.
        Assert.That(count, Is.LessThanOrEqualTo(length / ChunkSize + 1 + editsSinceFrom), $"{context}, chunks after {editsSinceFrom} edits");

        // An edit replaces at least one chunk. The piece it rebuilds is the new text and less than two chunks' worth
        // on either side (2 × ChunkSize - 1 each), so cutting it adds at most ceil(newText / ChunkSize) + 3 chunks.
        Assert.That(count, Is.LessThanOrEqualTo(before.ChunkCount + (newText.Length + ChunkSize - 1) / ChunkSize + 3), $"{context}, chunks added by one edit");
    }

    /// <summary>A random edit of <paramref name="text"/>: (start, end, new text).</summary>
    private static (int Start, int End, string NewText) RandomEdit(Random random, string text)
    {
        var length = text.Length;
        var kind = random.Next(40);

        // Keep the big text big and the small ones from growing without end.
        if (length > 400_000)
        {
            kind = 16;
        }

        switch (kind)
        {
            case 0 when length < 50_000:
                // Replace everything (sometimes by nothing), or delete all but a character or two.
                return random.Next(2) == 0
                    ? (0, length, RandomText(random, random.Next(3) == 0 ? 0 : random.Next(3 * ChunkSize)))
                    : (Math.Min(length, random.Next(2)), Math.Max(Math.Min(length, 1), length - random.Next(2)), string.Empty);
            case <= 3:
                return (0, 0, RandomText(random, random.Next(1, 20)));
            case <= 6:
                return (length, length, RandomText(random, random.Next(1, 20)));
            case <= 11:
            {
                // At a multiple of ChunkSize, or one off: a chunk boundary wherever the text is as From cut it.
                var start = Math.Clamp(ChunkSize * random.Next(length / ChunkSize + 1) + random.Next(-1, 2), 0, length);
                return (start, Math.Min(length, start + random.Next(3)), RandomText(random, random.Next(5)));
            }

            case <= 14:
            {
                // Exactly one or two whole chunks of a text as From cut it.
                var start = ChunkSize * random.Next(length / ChunkSize + 1);
                return (start, Math.Min(length, start + ChunkSize * random.Next(1, 3)), string.Empty);
            }

            case <= 18:
            {
                // Across several chunks.
                var start = random.Next(length + 1);
                return (start, Math.Min(length, start + random.Next(ChunkSize, 4 * ChunkSize)), random.Next(2) == 0 ? string.Empty : RandomText(random, 10));
            }

            case <= 21:
            {
                // A paste longer than two chunks, so the rebuilt piece is cut again; sometimes a run without line breaks.
                var start = random.Next(length + 1);
                var pasted = random.Next(2 * ChunkSize + 1, 5 * ChunkSize);
                return (start, Math.Min(length, start + random.Next(50)), random.Next(2) == 0 ? RandomText(random, pasted) : RandomLetters(random, pasted));
            }

            case <= 23:
            {
                var at = random.Next(length + 1);
                return (at, at, "#");
            }

            default:
            {
                // A keystroke-sized edit anywhere.
                var start = random.Next(length + 1);
                return (start, Math.Min(length, start + random.Next(8)), RandomText(random, random.Next(6)));
            }
        }
    }

    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder(length + 2);
        while (builder.Length < length)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomLetters(Random random, int length) =>
        string.Create(length, random, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + random.Next(26));
            }
        });

    // Lines of code-like text with mixed line breaks, at least `length` characters.
    private static string CodeLikeText(int length)
    {
        var builder = new StringBuilder(length + 100);
        for (var i = 0; builder.Length < length; i++)
        {
            builder.Append($"        var item{i:D5} = Compute(item{i - 1:D5}, \"text\");");
            builder.Append((i % 3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" });
        }

        return builder.ToString();
    }

    private static int NaivePrefix(string a, string b)
    {
        var common = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common])
        {
            common++;
        }

        return common;
    }

    private static int NaiveSuffix(string a, string b)
    {
        var common = 0;
        while (common < a.Length && common < b.Length && a[a.Length - 1 - common] == b[b.Length - 1 - common])
        {
            common++;
        }

        return common;
    }
}
