using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>Shorter bearer tokens are guessable; 16 characters of a random generator is the floor.</summary>
    public const int MinimumTokenLength = 16;

    public const int MaxPermitLimit = 1_000_000;

    public const int MaxWindowSeconds = 86_400;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var problems = new ConfigProblems();
        string[] urls = ApiUrls.Split(options.Urls);
        if (urls.Length == 0)
        {
            problems.Add("Api:Urls", "at least one URL to listen on is required", options.Urls);
        }

        foreach (string url in urls)
        {
            ConfigRules.AbsoluteUrl(problems, "Api:Urls", url);
        }

        CheckToken(problems, "Api:AdminToken", options.AdminToken);
        CheckToken(problems, "Api:ReadToken", options.ReadToken);
        ConfigRules.Range(problems, "Api:MaxBodyBytes", options.MaxBodyBytes, 1, long.MaxValue);
        CheckWindow(problems, "Api:RateLimits:Writes", options.RateLimits.Writes);
        CheckWindow(problems, "Api:RateLimits:AuthFailures", options.RateLimits.AuthFailures);
        for (int i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!TrustedProxies.TryParse(options.TrustedProxies[i], out _))
            {
                problems.Add($"Api:TrustedProxies:{i}", "must be an IP address (10.0.0.5, fd00::5) or a CIDR network without host bits (10.0.0.0/8)", options.TrustedProxies[i]);
            }
        }

        return problems.ToResult();
    }

    /// <summary>A zero limit would refuse every write; a window beyond a day would lock a client out for too long.</summary>
    private static void CheckWindow(ConfigProblems problems, string key, RateLimitWindowOptions window)
    {
        ConfigRules.Range(problems, $"{key}:PermitLimit", window.PermitLimit, 1, MaxPermitLimit);
        ConfigRules.Range(problems, $"{key}:WindowSeconds", window.WindowSeconds, 1, MaxWindowSeconds);
    }

    private static void CheckToken(ConfigProblems problems, string key, string token)
    {
        if (token.Length is > 0 and < MinimumTokenLength)
        {
            problems.AddHidden(key, $"must be at least {MinimumTokenLength} characters when set");
        }

        if (token.Length > 0 && token.Trim().Length != token.Length)
        {
            problems.AddHidden(key, "must not start or end with white space");
        }
    }
}

internal static class ApiUrls
{
    /// <summary><c>Api:Urls</c> holds one or more URLs separated by ';', as ASP.NET Core's own <c>urls</c> setting.</summary>
    public static string[] Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal static class TrustedProxies
{
    /// <summary>
    /// An <c>Api:TrustedProxies</c> entry as a network: an address is a /32 (/128) network. IPv4 is taken only in its
    /// dotted-quad form, so "10" (which <see cref="System.Net.IPAddress"/> would read as 0.0.0.10) is refused as a typo.
    /// </summary>
    public static bool TryParse(string? entry, out System.Net.IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        string address = entry.Split('/')[0];
        bool plausible = address.Contains(':', StringComparison.Ordinal) || address.Split('.').Length == 4;
        if (!plausible)
        {
            return false;
        }

        if (entry.Contains('/', StringComparison.Ordinal))
        {
            // 10.0.0.1/8 is refused rather than read as 10.0.0.0/8: the operator meant one of the two, not both.
            return System.Net.IPNetwork.TryParse(entry, out network)
                && System.Net.IPAddress.TryParse(address, out System.Net.IPAddress? written)
                && network.BaseAddress.Equals(written);
        }

        if (!System.Net.IPAddress.TryParse(entry, out System.Net.IPAddress? single))
        {
            return false;
        }

        network = new System.Net.IPNetwork(single, single.GetAddressBytes().Length * 8);
        return true;
    }
}
