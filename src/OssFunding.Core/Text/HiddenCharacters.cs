using System.Buffers;
using System.Globalization;
using System.Text;

namespace OssFunding.Core.Text;

/// <summary>
/// The characters that can make a text display as another text (SPEC §14): control (Cc) and format (Cf) characters,
/// which include the bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E,
/// U+200F, U+061C) and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF); line and paragraph separators (Zl,
/// Zp), which break a line where the reader expects none; private-use characters (Co), which each font draws as it
/// likes; and lone surrogates, which are no character at all. TAB, CR and LF are Cc and so hidden too: no imported
/// field is more than one line, and a tab is invisible spacing (and a formula start in a spreadsheet).
/// This is the one rule: imports refuse these characters, renderers show them escaped (<see cref="DisplayText"/>).
/// </summary>
public static class HiddenCharacters
{
    /// <summary>A hidden character found in a text: its 1-based position (in characters as a reader counts them) and code point.</summary>
    public sealed record Found(int Position, int CodePoint)
    {
        /// <summary>"U+202E RIGHT-TO-LEFT OVERRIDE".</summary>
        public string Describe() => $"U+{CodePoint:X4} {UnicodeNames.Of(CodePoint)}";
    }

    public static bool IsHidden(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse;

    /// <summary>The first hidden character of <paramref name="text"/>, or null when it has none.</summary>
    public static Found? FindFirst(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        for (var index = 0; index < text.Length;)
        {
            position++;
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var used) != OperationStatus.Done)
            {
                return new Found(position, text[index]);
            }

            if (IsHidden(rune))
            {
                return new Found(position, rune.Value);
            }

            index += used;
        }

        return null;
    }

    /// <summary>
    /// Why an imported value is refused, or null when it has no hidden character:
    /// "character 12 is U+202E RIGHT-TO-LEFT OVERRIDE, which is not allowed: ...".
    /// </summary>
    public static string? Problem(string text) => FindFirst(text) is { } found
        ? $"character {found.Position} is {found.Describe()}, which is not allowed: control and format characters (bidirectional " +
          "overrides, zero-width characters, tabs, line breaks) can make a text display as another"
        : null;
}
