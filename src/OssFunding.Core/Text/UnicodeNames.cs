namespace OssFunding.Core.Text;

/// <summary>Names of code points for error messages ("RIGHT-TO-LEFT OVERRIDE"), from ICU.</summary>
public static class UnicodeNames
{
    // Control characters have no Unicode name, only aliases ICU does not return: the ones a file is likely to hold.
    private static readonly Dictionary<int, string> Controls = new()
    {
        [0x00] = "NULL", [0x09] = "CHARACTER TABULATION", [0x0A] = "LINE FEED", [0x0B] = "LINE TABULATION", [0x0C] = "FORM FEED",
        [0x0D] = "CARRIAGE RETURN", [0x1B] = "ESCAPE", [0x7F] = "DELETE", [0x85] = "NEXT LINE",
    };

    public static string Of(int codePoint) => codePoint switch
    {
        >= 0xD800 and <= 0xDFFF => "(a lone surrogate, not a character)",
        _ when Controls.TryGetValue(codePoint, out var name) => name,
        _ => SystemIcu.Name(codePoint) ?? (codePoint is < 0x20 or (>= 0x7F and < 0xA0) ? "(a control character)" : "(unnamed)"),
    };
}
