using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Core.Ledger;

/// <summary>
/// Who may receive funds: a checksummed address that is not the zero address, the Safe itself, or a configured
/// token contract (tokens sent to a token contract are usually lost).
/// </summary>
public sealed class RecipientRules(IOptions<SafeOptions> safe, IOptions<TokensOptions> tokens)
{
    /// <summary>Null when <paramref name="address"/> may receive funds, otherwise why not.</summary>
    public string? Problem(string? address)
    {
        var format = Eip55Address.Problem(address);
        if (format is not null)
        {
            return format;
        }

        if (Eip55Address.SameAddress(address!, Eip55Address.Zero))
        {
            return "is the zero address";
        }

        if (!string.IsNullOrEmpty(safe.Value.Address) && Eip55Address.SameAddress(address!, safe.Value.Address))
        {
            return $"{address} is the Safe itself";
        }

        var token = tokens.Value.FirstOrDefault(pair => Eip55Address.SameAddress(address!, pair.Value.Address));
        return token.Key is null ? null : $"{address} is the {token.Key} token contract";
    }
}
