using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Core.Ledger;
using OssFunding.Core.Projects;

namespace OssFunding.Core.Allocations;

/// <summary>
/// With <c>Recipients:RequireRegistered</c>, an allocation may only pay its project's registered address: the latest
/// registration effective on or before the last day of the allocation's period.
/// </summary>
internal sealed class RegisteredRecipientCheck(IOptions<RecipientsOptions> options)
{
    public async Task<IReadOnlyList<ImportError>> CheckAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AllocationRecord> additions)
    {
        if (!options.Value.RequireRegistered || additions.Count == 0)
        {
            return [];
        }

        var registry = (await ProjectRegistry.LoadAsync(connection, transaction)).ToLookup(project => project.Name, StringComparer.Ordinal);
        var errors = new List<ImportError>();
        foreach (var record in additions)
        {
            var problem = Problem(record, registry[record.Project].ToList());
            if (problem is not null)
            {
                errors.Add(record.Source!.Error(problem.Value.Column, problem.Value.Reason));
            }
        }

        return errors;
    }

    private static (string Column, string Reason)? Problem(AllocationRecord record, List<Project> registrations)
    {
        if (registrations.Count == 0)
        {
            return ("project", $"project '{record.Project}' is not in the project registry (Recipients:RequireRegistered is on): register it first");
        }

        var lastDay = DateOnly.ParseExact(record.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1);
        var effective = registrations.Where(project => project.EffectiveFrom <= lastDay).MaxBy(project => project.EffectiveFrom);
        if (effective is null)
        {
            return ("project", $"project '{record.Project}' has no registered address effective by {record.Period} (first one from {registrations.Min(p => p.EffectiveFrom):yyyy-MM-dd})");
        }

        return Eip55Address.SameAddress(record.Recipient, effective.Recipient)
            ? null
            : ("recipient", $"{record.Recipient} is not the registered address of '{record.Project}' for {record.Period} ({effective.Recipient}, effective {effective.EffectiveFrom:yyyy-MM-dd})");
    }
}
