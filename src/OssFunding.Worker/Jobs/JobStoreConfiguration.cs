using Microsoft.Extensions.Configuration;
using OssFunding.Core.Configuration;
using Quartz;

namespace OssFunding.Worker.Jobs;

/// <summary>
/// Where Quartz keeps its schedule. SQLite is one process, so it keeps Quartz's in-memory store. PostgreSQL may be
/// shared by several replicas, so Quartz uses its clustered ADO store there, in the ledger database itself (the qrtz_*
/// tables of Storage/Migrations/Postgres): the replicas form one cluster under <see cref="SchedulerName"/>, each trigger
/// fires on one node, and a <see cref="DisallowConcurrentExecutionAttribute"/> job never runs on two nodes at once.
/// When a node stops checking in, another one releases the triggers it had acquired, so the schedule goes on.
/// </summary>
internal static class JobStoreConfiguration
{
    /// <summary>The same on every replica: nodes that share a scheduler name form one cluster.</summary>
    public const string SchedulerName = "ossfunding-worker";

    /// <summary>How often a node records that it is alive; a peer is presumed dead a little after missing one.</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(10);

    public static void UseLedgerJobStore(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.Postgres)
        {
            quartz.UseInMemoryStore();
            return;
        }

        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = SchedulerName;
            // Quartz's AUTO instance id: unique per node (host name + time), recorded in qrtz_scheduler_state.
            scheduler.GenerateInstanceId = true;
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(source =>
            {
                source.Provider = DataSourceOptions.Providers.Npgsql;
                source.ConnectionString = storage.ConnectionString;
            });
            store.UseSystemTextJsonSerializer();
            store.UseClustering(cluster => cluster.CheckinInterval = CheckinInterval);
        });
    }
}
