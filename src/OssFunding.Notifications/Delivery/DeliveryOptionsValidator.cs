using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Notifications.Delivery;

/// <summary>Checks <c>Notifications:Delivery</c> and <c>Notifications:PublicBaseUrl</c>, naming each bad key and value.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>, IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var problems = new List<string>();
        Range(problems, "MaxAttempts", options.MaxAttempts, 1, 100);
        Range(problems, "BatchSize", options.BatchSize, 1, 10_000);
        Range(problems, "FanOutBatchSize", options.FanOutBatchSize, 1, 10_000);
        Range(problems, "RetriesWithinAttempt", options.RetriesWithinAttempt, 0, 10);
        Positive(problems, "FirstRetryDelay", options.FirstRetryDelay);
        Positive(problems, "AttemptTimeout", options.AttemptTimeout);
        Positive(problems, "RequestTimeout", options.RequestTimeout);
        Positive(problems, "RetryDelayWithinAttempt", options.RetryDelayWithinAttempt);
        Positive(problems, "PollInterval", options.PollInterval);
        if (options.MaxRetryDelay < options.FirstRetryDelay)
        {
            problems.Add($"{DeliveryOptions.Section}:MaxRetryDelay must be at least FirstRetryDelay ({options.FirstRetryDelay}), got {options.MaxRetryDelay}");
        }

        if (options.RequestTimeout > options.AttemptTimeout)
        {
            problems.Add($"{DeliveryOptions.Section}:RequestTimeout must not exceed AttemptTimeout ({options.AttemptTimeout}), got {options.RequestTimeout}");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var url = options.PublicBaseUrl;
        if (url.Length == 0 || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail($"{NotificationsOptions.Section}:PublicBaseUrl must be an absolute http(s) URL without a query, got '{url}'");
    }

    private static void Range(List<string> problems, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{DeliveryOptions.Section}:{key} must be between {min} and {max}, got {value}");
        }
    }

    private static void Positive(List<string> problems, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{DeliveryOptions.Section}:{key} must be positive, got {value}");
        }
    }
}
