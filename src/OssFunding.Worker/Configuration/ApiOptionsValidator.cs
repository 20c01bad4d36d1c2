using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>Shorter bearer tokens are guessable; 16 characters of a random generator is the floor.</summary>
    public const int MinimumTokenLength = 16;

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
        return problems.ToResult();
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
