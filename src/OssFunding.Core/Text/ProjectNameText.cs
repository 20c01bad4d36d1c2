namespace OssFunding.Core.Text;

/// <summary>How project names are stored and compared: NFC-normalised, and confusable when their UTS #39 skeletons match.</summary>
public static class ProjectNameText
{
    /// <summary>The form a name is stored in: NFC, so "é" typed as e + U+0301 and as U+00E9 is one name.</summary>
    public static string Normalize(string name) => IsAscii(name) ? name : SystemIcu.Nfc(name);

    /// <summary>UTS #39 skeleton: "FFmрeg" (Cyrillic р) and "FFmpeg" have the same one.</summary>
    public static string Skeleton(string name) => SystemIcu.Skeleton(name);

    public static bool AreConfusable(string first, string second) =>
        !string.Equals(first, second, StringComparison.Ordinal) && string.Equals(Skeleton(first), Skeleton(second), StringComparison.Ordinal);

    private static bool IsAscii(string text) => text.All(char.IsAscii);
}
