using System.Diagnostics;
using OssFunding.Devnet;
using Xunit;

namespace OssFunding.TestSupport.Processes;

/// <summary>Foundry's real <c>cast</c> from devnet/node_modules (npm @foundry-rs/cast, pinned in devnet/package.json).</summary>
public static class Cast
{
    /// <summary>
    /// <c>cast wallet sign --data --from-file FILE --private-key KEY</c>, as an owner signs typed data with their own tool
    /// (a devnet key standing in for <c>--ledger</c>); returns the 65-byte signature cast prints.
    /// </summary>
    public static async Task<string> SignTypedDataFileAsync(string file, string privateKey)
    {
        var info = new ProcessStartInfo(DevnetDirectory.Locate().CastBinary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "wallet", "sign", "--data", "--from-file", file, "--private-key", privateKey })
        {
            info.ArgumentList.Add(arg);
        }

        using var cast = Process.Start(info)!;
        var output = cast.StandardOutput.ReadToEndAsync();
        var error = cast.StandardError.ReadToEndAsync();
        await cast.WaitForExitAsync();
        Assert.True(cast.ExitCode == 0, $"cast exited {cast.ExitCode}: {await error}");
        var signature = (await output).Trim();
        Assert.Matches("^0x[0-9a-f]{130}$", signature);
        return signature;
    }
}
