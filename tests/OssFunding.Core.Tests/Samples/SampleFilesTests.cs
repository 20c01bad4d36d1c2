using System.Text;
using CsvHelper;
using Nethereum.Signer;
using Nethereum.Util;
using OssFunding.Core.Allocations;
using OssFunding.TestSupport;

namespace OssFunding.Core.Tests.Samples;

/// <summary>samples/ imports cleanly with the repository's appsettings.json budget, and its addresses are reproducible.</summary>
public sealed class SampleFilesTests : IDisposable
{
    private readonly TempSqliteDatabase database = new();

    [Fact]
    public async Task Projects_and_the_January_allocations_import_within_the_configured_budget()
    {
        await using var host = await LedgerTestHost.StartFromFileAsync(RepositoryRoot.File("appsettings.json"), new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = database.ConnectionString,
            ["Safe:Address"] = TestAddresses.Safe,
        });

        await using var projectsFile = File.OpenRead(RepositoryRoot.File("samples", "projects.csv"));
        var projects = await host.Projects.ImportAsync(projectsFile, dryRun: false, CancellationToken.None);
        var allocations = await ImportAsync(host);
        var again = await ImportAsync(host);

        Assert.True(projects.Succeeded, string.Join('\n', projects.Errors));
        Assert.Equal(11, projects.Added);
        Assert.True(allocations.Succeeded, string.Join('\n', allocations.Errors));
        Assert.Equal(11, allocations.Added);
        Assert.Equal("nothing to do: all 11 rows already imported", again.Message);
        var usage = (await host.Budget.GetUsageAsync("2025", CancellationToken.None)).ToDictionary(line => $"{line.Category}/{line.Token}", line => line.Allocated);
        Assert.Equal(new Dictionary<string, decimal> { ["admin/LPT"] = 20.8m, ["projects/LPT"] = 464.5m, ["projects/USDC"] = 1300m, ["reserve/LPT"] = 0m }, usage);
        var registered = await host.Projects.ListAsync(CancellationToken.None);
        Assert.Contains(registered, project => project.Name == "StreamDiffusion" && project.ProofUrl.StartsWith("https://github.com/", StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_addresses_are_derived_from_the_documented_test_keys()
    {
        using var reader = new CsvReader(new StreamReader(RepositoryRoot.File("samples", "projects.csv")), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var project in reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>())
        {
            var name = (string)project["name"];
            var key = new Sha3Keccack().CalculateHash(Encoding.UTF8.GetBytes($"ossfunding/sample/{name}"));
            var expected = AddressUtil.Current.ConvertToChecksumAddress(new EthECKey(key, true).GetPublicAddress());
            Assert.Equal(expected, project["recipient"]);
        }
    }

    private static async Task<ImportOutcome> ImportAsync(LedgerTestHost host)
    {
        await using var file = File.OpenRead(RepositoryRoot.File("samples", "allocations-2025-01.csv"));
        return await host.Importer.ImportAsync(file, ImportFormat.Csv, dryRun: false, CancellationToken.None);
    }

    public void Dispose() => database.Dispose();
}
