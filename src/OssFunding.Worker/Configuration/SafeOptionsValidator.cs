using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// <c>Safe:Address</c> may stay empty for commands that never touch the Safe (<c>config check</c>, <c>migrate</c>,
/// <c>projects import</c>, <c>import --dry-run</c>); <see cref="SafeAddressRequiredValidator"/> adds the requirement
/// for the commands that need it.
/// </summary>
internal sealed class SafeOptionsValidator : IValidateOptions<SafeOptions>
{
    public ValidateOptionsResult Validate(string? name, SafeOptions options)
    {
        var problems = new ConfigProblems();
        if (!string.IsNullOrEmpty(options.Address))
        {
            ConfigRules.ChecksumAddress(problems, "Safe:Address", options.Address);
        }

        ConfigRules.ChecksumAddress(problems, "Safe:MultiSendCallOnly", options.MultiSendCallOnly);
        return problems.ToResult();
    }
}

/// <summary>Registered only by the commands that act for the Safe (<c>run</c>, <c>import</c>).</summary>
internal sealed class SafeAddressRequiredValidator : IValidateOptions<SafeOptions>
{
    public const string Reason = "is required to run the worker and to import allocations";

    public ValidateOptionsResult Validate(string? name, SafeOptions options) =>
        string.IsNullOrEmpty(options.Address)
            ? ValidateOptionsResult.Fail($"Safe:Address: {Reason} (was empty)")
            : ValidateOptionsResult.Success;
}
