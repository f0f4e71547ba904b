using Qoder.Lsp.Core.Text;

namespace Qoder.Lsp.Tests.Text;

/// <summary>
/// Thousands of random didChange batches applied to a <see cref="TextDocument"/> and to <see cref="NaiveText"/> must
/// agree; random invalid changes slipped into batches must be refused without effect.
/// </summary>
public sealed class TextDocumentPropertyTests
{
    // Pieces chosen to hit the interesting cases: every line break kind (and \r, \n typed separately so that they
    // join into or split from a \r\n), surrogate pairs, and ordinary characters.
    private static readonly string[] Pieces = ["a", "b", "xyz", " ", "\n", "\r", "\r\n", "😀", "é", "\t"];

    // The larger text spans several chunks of the document's ChunkedText, so edits, line breaks and \r\n pairs also
    // fall on chunk boundaries.
    [TestCase(300)]
    [TestCase(12_000)]
    public void Random_edit_batches_match_the_reference_implementation(int pieces)
    {
        var random = new Random(20240917);
        var reference = string.Concat(Enumerable.Range(0, pieces).Select(_ => Pieces[random.Next(Pieces.Length)]));
        var document = new TextDocument("file:///random.txt", "plaintext", 0, reference);
        var applied = 0;
        var rejected = 0;

        for (var batch = 0; batch < 1500; batch++)
        {
            var changes = new List<TextChange>();
            var expected = reference;
            var count = random.Next(1, 5);
            var invalidAt = random.Next(20) == 0 ? random.Next(count + 1) : -1;
            for (var i = 0; i <= count; i++)
            {
                // The invalid change is made against the text the changes before it leave, as a client would.
                if (i == invalidAt)
                {
                    changes.Add(RandomInvalidChange(random, expected));
                }

                if (i < count)
                {
                    changes.Add(RandomValidChange(random, ref expected));
                }
            }

            if (invalidAt >= 0)
            {
                Assert.That(() => document.WithChanges(document.Version + 1, changes), Throws.TypeOf<TextDocumentEditException>(), $"batch {batch}");
                rejected++;
                continue;
            }

            document = document.WithChanges(document.Version + 1, changes);
            reference = expected;
            applied += changes.Count;
            Assert.That(document.Text, Is.EqualTo(reference), $"batch {batch}");
            AssertSameLines(document, reference, batch);
            if (batch % 25 == 0)
            {
                AssertSamePositions(document, reference, random, batch);
            }
        }

        Assert.That(applied, Is.GreaterThan(3000));
        Assert.That(rejected, Is.GreaterThan(30));
        Assert.That(document.Version, Is.EqualTo(1500 - rejected));
    }

    [Test]
    public void Random_minimal_changes_turn_the_old_text_into_the_new_one()
    {
        var random = new Random(7);
        var text = string.Concat(Enumerable.Range(0, 200).Select(_ => Pieces[random.Next(Pieces.Length)]));
        for (var round = 0; round < 500; round++)
        {
            var target = text;
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                RandomValidChange(random, ref target);
            }

            var document = new TextDocument("file:///random.txt", "plaintext", round, text);
            var change = TextEdits.MinimalChange(text, target);

            if (change is null)
            {
                Assert.That(target, Is.EqualTo(text), $"round {round}");
                continue;
            }

            Assert.That(document.WithChanges(round + 1, [change]).Text, Is.EqualTo(target), $"round {round}: {change}");
            Assert.That(TextEdits.MinimalChange(document, target), Is.EqualTo(change), $"round {round}");
            text = target;
        }
    }

    /// <summary>A random valid change against <paramref name="text"/>, which it updates as the reference result.</summary>
    private static TextChange RandomValidChange(Random random, ref string text)
    {
        if (random.Next(100) == 0)
        {
            text = RandomText(random, 40);
            return TextChange.FullText(text);
        }

        // Big documents shrink and small ones grow, so the text stays between a few hundred and a few thousand characters.
        var shrink = text.Length > 3000;
        var start = RandomBoundary(random, text, random.Next(text.Length + 1));
        var end = RandomBoundary(random, text, Math.Min(text.Length, start + random.Next(shrink ? 200 : 12)));
        var newText = shrink && random.Next(2) == 0 ? string.Empty : RandomText(random, 6);
        var change = TextChange.Replace(new LineRange(NaiveText.PositionOf(text, start), NaiveText.PositionOf(text, end)), newText);
        text = NaiveText.Replace(text, start, end, newText);
        return change;
    }

    private static TextChange RandomInvalidChange(Random random, string text)
    {
        var lines = NaiveText.Lines(text);
        var line = random.Next(lines.Count);
        var valid = new LinePosition(line, 0);
        switch (random.Next(4))
        {
            case 0:
                return TextChange.Insert(new LinePosition(lines.Count + random.Next(3), 0), "x");
            case 1:
                return TextChange.Insert(new LinePosition(line, lines[line].Length + 2 + random.Next(3)), "x");
            case 2:
                return TextChange.Delete(new LineRange(new LinePosition(line, 1), valid));
            default:
                return TextChange.Replace(new LineRange(valid, new LinePosition(line, -1)), "x");
        }
    }

    private static string RandomText(Random random, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(maxPieces + 1)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    private static int RandomBoundary(Random random, string text, int offset)
    {
        while (!NaiveText.IsBoundary(text, offset))
        {
            offset += random.Next(2) == 0 ? -1 : 1;
        }

        return offset;
    }

    private static void AssertSameLines(TextDocument document, string reference, int batch)
    {
        // One assertion per batch rather than per line keeps thousands of batches fast.
        var expected = NaiveText.Lines(reference);
        var actual = Enumerable.Range(0, document.LineCount)
            .Select(line => (Start: document.OffsetOf(new LinePosition(line, 0)), Length: document.GetLineLength(line)))
            .ToList();
        Assert.That(actual, Is.EqualTo(expected), $"batch {batch}");
    }

    private static void AssertSamePositions(TextDocument document, string reference, Random random, int batch)
    {
        for (var i = 0; i < 50; i++)
        {
            var offset = random.Next(reference.Length + 1);
            var position = document.PositionOf(offset);
            Assert.That(position, Is.EqualTo(NaiveText.PositionOf(reference, offset)), $"batch {batch}, offset {offset}");
            if (NaiveText.IsBoundary(reference, offset) || char.IsLowSurrogate(reference[offset]))
            {
                Assert.That(document.OffsetOf(position), Is.EqualTo(offset), $"batch {batch}, offset {offset}");
            }
        }
    }
}
