using OssFunding.Core.Allocations;

namespace OssFunding.Worker.Api;

/// <summary>Body of a successful import (allocations or projects). Refused imports are problems instead.</summary>
internal sealed record ImportResponse(bool Applied, bool DryRun, int Added, int Unchanged, string Message)
{
    public static ImportResponse From(ImportOutcome outcome) =>
        new(outcome.Applied, outcome.DryRun, outcome.Added, outcome.Unchanged, outcome.Message);
}
