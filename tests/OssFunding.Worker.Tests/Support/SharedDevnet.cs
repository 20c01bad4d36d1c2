using System.Globalization;
using OssFunding.Devnet;
using OssFunding.Safe.Transactions;

namespace OssFunding.Worker.Tests.Support;

/// <summary>
/// <c>run</c> checks the configuration against the chain before it starts (RPC chain id, Safe code, owners, token
/// decimals), so tests that run the worker point it at one devnet shared by this test process: anvil with a real
/// Safe 1.4.1 and the LPT/USDC test tokens. anvil's watchdog stops it when the test process exits.
/// </summary>
internal static class SharedDevnet
{
    private static readonly Lazy<Task<DevnetWorld>> World = new(async () =>
        await DevnetWorld.DeployAsync(await DevnetChain.StartAsync(), SafeVersion.V141));

    /// <summary>The shared devnet itself (deployed on first use).</summary>
    public static Task<DevnetWorld> WorldAsync() => World.Value;

    /// <summary>Sets the chain, Safe and token settings of the sandbox to the shared devnet's.</summary>
    public static async Task UseSharedDevnetAsync(this WorkerSandbox sandbox)
    {
        var world = await World.Value;
        sandbox.Environment["Chain__RpcUrls__0"] = world.Chain.RpcUrl;
        sandbox.Environment["Chain__ChainId"] = world.Chain.ChainId.ToString(CultureInfo.InvariantCulture);
        // The devnet serves 42161, whose default (and the shipped appsettings.json) is the finalized tag, 64 blocks back on anvil.
        sandbox.Environment["Chain__Finality"] = "Confirmations";
        sandbox.Environment["Safe__Address"] = world.SafeAddress;
        sandbox.Environment["Safe__MultiSendCallOnly"] = EthAddress.Normalize(world.Contracts.MultiSendCallOnly, "MultiSendCallOnly");
        sandbox.Environment["Tokens__LPT__Address"] = world.Lpt.Address;
        sandbox.Environment["Tokens__USDC__Address"] = world.Usdc.Address;
    }
}
