using System.Diagnostics;
using System.Globalization;
using OssFunding.TestSupport;

namespace OssFunding.Reports.Tests.Support;

/// <summary>The real worker executable (<c>dotnet OssFunding.Worker.dll …</c>) run as a child process on a test's ledger and the devnet.</summary>
internal static class WorkerCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs a command with the host's settings as environment variables (Section__Key), in the ledger's folder.</summary>
    public static async Task<Run> RunAsync(ReportsHost host, ReportsWorld world, IReadOnlyDictionary<string, string>? extra, params string[] args)
    {
        using var process = Start(host, world, extra, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Run(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the executable; the caller reads its output and ends it.</summary>
    public static Process Start(ReportsHost host, ReportsWorld world, IReadOnlyDictionary<string, string>? extra, params string[] args)
    {
        var dll = RepositoryRoot.File("src", "OssFunding.Worker", "bin", "Debug", "net10.0", "OssFunding.Worker.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = host.Sqlite.Folder,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Sqlite",
            ["Storage__ConnectionString"] = host.Sqlite.ConnectionString,
            ["Safe__Address"] = world.World.SafeAddress,
            ["Safe__MultiSendCallOnly"] = Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(world.World.Contracts.MultiSendCallOnly),
            ["Tokens__LPT__Address"] = world.World.Lpt.Address,
            ["Tokens__USDC__Address"] = world.World.Usdc.Address,
            ["Chain__ChainId"] = world.World.Chain.ChainId.ToString(CultureInfo.InvariantCulture),
            ["Chain__RpcUrls__0"] = world.World.Chain.RpcUrl,
            ["Chain__Finality"] = "Confirmations",
            ["Chain__Confirmations"] = ReportsHost.Confirmations.ToString(CultureInfo.InvariantCulture),
            ["Chain__StartBlock"] = "1",
            ["Api__AdminToken"] = "test-admin-token-0123456789abcdef",
            ["Recipients__RequireRegistered"] = "false",
            ["Reports__PublishFolder"] = Path.Combine(host.Sqlite.Folder, "published"),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
