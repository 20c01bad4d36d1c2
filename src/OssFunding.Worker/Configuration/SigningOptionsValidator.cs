using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Configuration;

internal sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    private const string ServiceMode = "Signing:Mode is TransactionService";

    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var problems = new ConfigProblems();
        switch (options.Mode)
        {
            case SigningMode.Local:
                KeySourceRules.Unused(problems, "Signing:BaseUrl", options.BaseUrl, ServiceMode);
                KeySourceRules.Unused(problems, "Signing:ProposerKeyFile", options.ProposerKeyFile, ServiceMode);
                KeySourceRules.Unused(problems, "Signing:ProposerKeyEnv", options.ProposerKeyEnv, ServiceMode);
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    problems.AddHidden("Signing:ApiKey", $"is only used when {ServiceMode}; clear it or change the mode");
                }

                break;
            case SigningMode.TransactionService:
                ConfigRules.AbsoluteUrl(problems, "Signing:BaseUrl", options.BaseUrl);
                KeySourceRules.Required(
                    problems, "Signing:ProposerKeyFile", options.ProposerKeyFile, "Signing:ProposerKeyEnv", options.ProposerKeyEnv, "TransactionService");
                break;
            default:
                problems.Add("Signing:Mode", "must be Local or TransactionService", options.Mode.ToString());
                break;
        }

        return problems.ToResult();
    }
}
