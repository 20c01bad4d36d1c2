using System.Globalization;
using OssFunding.Core.Configuration;
using OssFunding.Devnet;

namespace OssFunding.TestSupport;

/// <summary>Worker settings (configuration-key form) for a ledger watching a devnet Safe.</summary>
public static class DevnetSettings
{
    /// <summary>
    /// <see cref="LedgerTestHost.DefaultSettings"/> pointed at <paramref name="world"/>: its Safe, MultiSendCallOnly, LPT and
    /// USDC, chain id and RPC, watched from block 0 with <paramref name="confirmations"/> confirmations.
    /// </summary>
    public static Dictionary<string, string?> For(DevnetWorld world, StorageProvider provider, string connectionString, int confirmations)
    {
        ArgumentNullException.ThrowIfNull(world);
        var settings = LedgerTestHost.DefaultSettings(provider, connectionString);
        settings["Safe:Address"] = world.SafeAddress;
        settings["Safe:MultiSendCallOnly"] = world.Contracts.MultiSendCallOnly;
        settings["Tokens:LPT:Address"] = world.Lpt.Address;
        settings["Tokens:USDC:Address"] = world.Usdc.Address;
        settings["Chain:ChainId"] = world.Chain.ChainId.ToString(CultureInfo.InvariantCulture);
        settings["Chain:RpcUrls:0"] = world.Chain.RpcUrl;
        // A devnet runs on chain id 42161 too, where the default is the finalized tag: count confirmations instead.
        settings["Chain:Finality"] = nameof(FinalityMode.Confirmations);
        settings["Chain:Confirmations"] = confirmations.ToString(CultureInfo.InvariantCulture);
        settings["Chain:StartBlock"] = "0";
        return settings;
    }
}
