using FsCheck;
using FsCheck.Fluent;

namespace OssFunding.TestSupport;

/// <summary>One edit of a text: replace, cut or insert at a position, with pieces that break parsers.</summary>
public sealed record TextMutation(int Kind, int Position, int Length, string Piece)
{
    public string Apply(string text)
    {
        var at = Position % (text.Length + 1);
        var cut = Math.Min(Length, text.Length - at);
        return (Kind % 3) switch
        {
            0 => text.Remove(at, cut).Insert(at, Piece),
            1 => text.Remove(at, cut),
            _ => text.Insert(at, Piece),
        };
    }
}

/// <summary>
/// FsCheck generator of <see cref="TextMutation"/>s for fuzzing what reads outside text (files, JSON bodies): the
/// pieces are the ones parsers trip on (quotes, separators, line breaks, NUL, huge and tiny numbers, bidi and
/// zero-width characters, JSON punctuation, formula and SQL text, long runs), or any string.
/// </summary>
public static class TextMutations
{
    private static readonly string[] Pieces =
    [
        ",", "\"", "\"\"", "\n", "\r\n", "\r", "\0", "\t", "-", "-1", "0", "1e400", "99999999999999999999999999999999999",
        "0.0000000000000000000001", "é", "\u202E", "\u200B", "\uFEFF", "{", "}", "[", "]", ":", "null", "true", "\\",
        "\\u0000", "=cmd|' /C calc'!A0", "0x", "2025-13", "2025-02-30", "'; DROP TABLE allocations; --", new string('a', 5000),
        new string('[', 200),
    ];

    public static Arbitrary<TextMutation> Arbitrary() =>
        (from kind in Gen.Choose(0, 2)
         from position in Gen.Choose(0, 100_000)
         from length in Gen.Choose(0, 40)
         from piece in Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<string>().Where(text => text is not null))
         select new TextMutation(kind, position, length, piece)).ToArbitrary();
}
