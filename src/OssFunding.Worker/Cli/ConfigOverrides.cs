using System.CommandLine;
using System.Text.RegularExpressions;

namespace OssFunding.Worker.Cli;

/// <summary>
/// Every command accepts configuration overrides as <c>--Section:Key=value</c> (highest precedence). They reach the
/// parser as unmatched tokens; anything else unmatched is a typo and is refused.
/// </summary>
internal static partial class ConfigOverrides
{
    public static void AcceptOn(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (Command subcommand in command.Subcommands)
        {
            AcceptOn(subcommand);
        }
    }

    public static IReadOnlyList<string> Of(ParseResult parseResult, out IReadOnlyList<string> unknown)
    {
        unknown = parseResult.UnmatchedTokens.Where(token => !OverridePattern().IsMatch(token)).ToList();
        return parseResult.UnmatchedTokens.Where(token => OverridePattern().IsMatch(token)).ToList();
    }

    [GeneratedRegex(@"^--[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)+=", RegexOptions.CultureInvariant)]
    private static partial Regex OverridePattern();
}
