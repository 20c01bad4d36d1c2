using System.Text.RegularExpressions;
using Nethereum.Signer;

namespace OssFunding.Pipeline.Keys;

/// <summary>
/// The one rule for reading a private key from text (a key file, an environment variable, a CLI argument): 32 bytes of
/// hex, optionally 0x-prefixed, surrounding whitespace ignored (key files end with a newline). The executor, proposer
/// and local signing keys all use it, so they accept and refuse the same texts.
/// </summary>
internal static partial class PrivateKeyText
{
    public const string Expected = "32 bytes of hex (64 hex digits, optionally 0x-prefixed)";

    /// <summary>The key, or null when the text is not one (the caller names the setting; the text is never shown).</summary>
    public static EthECKey? TryParse(string? text) =>
        text is not null && KeyPattern().IsMatch(text.Trim()) ? new EthECKey(text.Trim()) : null;

    [GeneratedRegex("^(0x)?[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
