using System.Buffers;
using System.Text;

namespace OssFunding.Core.Text;

/// <summary>
/// How every rendering shows text that came from outside (token symbols read from the chain, Transaction Service
/// fields, anything stored before imports refused such characters): each <see cref="HiddenCharacters"/> character is
/// written as <c>\u202E</c> (a character beyond U+FFFF as its two UTF-16 halves, as JSON writes it), so a reader sees
/// that it is there instead of being fooled by it. Every renderer (notices on every channel, the signer page, the
/// Markdown, HTML and CSV reports, CLI output) calls this before its own format's escaping.
/// </summary>
public static class DisplayText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || HiddenCharacters.FindFirst(text) is null)
        {
            return text ?? "";
        }

        var shown = new StringBuilder(text.Length + 16);
        for (var index = 0; index < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var used) != OperationStatus.Done)
            {
                shown.Append($"\\u{(int)text[index]:X4}");
                index++;
                continue;
            }

            if (HiddenCharacters.IsHidden(rune))
            {
                foreach (var unit in text.AsSpan(index, used))
                {
                    shown.Append($"\\u{(int)unit:X4}");
                }
            }
            else
            {
                shown.Append(text, index, used);
            }

            index += used;
        }

        return shown.ToString();
    }
}
