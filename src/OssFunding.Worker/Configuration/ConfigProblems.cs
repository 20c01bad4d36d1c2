using System.Globalization;
using Microsoft.Extensions.Options;
using OssFunding.Core.Secrets;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// Collects every problem of one options section as "Key:Path: reason (was value)", so an operator sees all of
/// them at once instead of fixing one per start.
/// </summary>
internal sealed class ConfigProblems
{
    private readonly List<string> _lines = [];

    public int Count => _lines.Count;

    public void Add(string key, string reason) => _lines.Add($"{key}: {reason}");

    public void Add(string key, string reason, string? was) => _lines.Add($"{key}: {reason} (was {Show(was)})");

    public void Add(string key, string reason, long was) =>
        _lines.Add($"{key}: {reason} (was {was.ToString(CultureInfo.InvariantCulture)})");

    public void Add(string key, string reason, decimal was) =>
        _lines.Add($"{key}: {reason} (was {was.ToString(CultureInfo.InvariantCulture)})");

    public void Add(string key, string reason, TimeSpan was) =>
        _lines.Add($"{key}: {reason} (was {was.ToString("c", CultureInfo.InvariantCulture)})");

    /// <summary>For secrets: the value is never repeated, not even in an error.</summary>
    public void AddHidden(string key, string reason) => _lines.Add($"{key}: {reason} (value hidden)");

    public ValidateOptionsResult ToResult() =>
        _lines.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_lines);

    /// <summary>A refused value is repeated so the operator sees it, but never a credential inside a URL in it.</summary>
    private static string Show(string? value) => string.IsNullOrEmpty(value) ? "empty" : $"\"{UrlMasking.MaskUrlsIn(value)}\"";
}
