using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>Local checks of <c>Tokens</c>; <c>decimals()</c> is compared with the contract at start, not here.</summary>
internal sealed partial class TokensOptionsValidator : IValidateOptions<TokensOptions>
{
    public ValidateOptionsResult Validate(string? name, TokensOptions options)
    {
        var problems = new ConfigProblems();
        if (options.Count == 0)
        {
            problems.Add("Tokens", "at least one token is required");
        }

        var seenAddresses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string symbol, TokenOptions token) in options.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            string key = $"Tokens:{symbol}";
            if (!SymbolPattern().IsMatch(symbol))
            {
                problems.Add(key, "the symbol must be 1 to 16 letters or digits", symbol);
            }

            if (ConfigRules.ChecksumAddress(problems, $"{key}:Address", token.Address)
                && !seenAddresses.TryAdd(token.Address, symbol))
            {
                problems.Add($"{key}:Address", $"is also the address of Tokens:{seenAddresses[token.Address]}", token.Address);
            }

            ConfigRules.Range(problems, $"{key}:Decimals", token.Decimals, 0, 36);
        }

        return problems.ToResult();
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolPattern();
}
