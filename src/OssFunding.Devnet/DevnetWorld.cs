using System.Numerics;
using Nethereum.Util;
using Nethereum.Web3;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Devnet;

/// <summary>
/// Everything a test or the demo needs on a fresh chain for one Safe version: the Safe contracts, a funded
/// 3-of-5 Safe (by default), the LPT (18 decimals) and USDC (6 decimals) stand-ins, and the keys.
/// <code>
/// await using var chain = await DevnetChain.StartAsync();
/// var world = await DevnetWorld.DeployAsync(chain, SafeVersion.V141);
/// </code>
/// Several worlds (e.g. one per version) can share one chain; each has its own contracts.
/// </summary>
public sealed class DevnetWorld
{
    private DevnetWorld(DevnetChain chain, SafeDeployment contracts, DevnetAccount deployer, DevnetSafe safe,
        DevnetSafe? contractOwner, DevnetToken lpt, DevnetToken usdc)
    {
        Chain = chain;
        Contracts = contracts;
        Deployer = deployer;
        Safe = safe;
        ContractOwner = contractOwner;
        Lpt = lpt;
        Usdc = usdc;
    }

    public DevnetChain Chain { get; }

    public SafeVersion Version => Contracts.Version;

    /// <summary>Singleton, proxy factory, MultiSendCallOnly and fallback handler addresses.</summary>
    public SafeDeployment Contracts { get; }

    /// <summary>Paid for the deployments; has ether and owns nothing, so it is a neutral executor.</summary>
    public DevnetAccount Deployer { get; }

    /// <summary>The treasury Safe. Its <see cref="DevnetSafe.OwnerAccounts"/> are the EOA owners only.</summary>
    public DevnetSafe Safe { get; }

    public string SafeAddress => Safe.Address;

    /// <summary>The owner EOAs of the treasury Safe (labels owner-1 … owner-N), in setup order.</summary>
    public IReadOnlyList<DevnetAccount> Owners => Safe.OwnerAccounts;

    /// <summary>The second Safe that is itself an owner of <see cref="Safe"/>, when asked for.</summary>
    public DevnetSafe? ContractOwner { get; }

    public DevnetToken Lpt { get; }

    public DevnetToken Usdc { get; }

    public Web3 Web3For(DevnetAccount account) => Chain.CreateWeb3(account);

    public static async Task<DevnetWorld> DeployAsync(DevnetChain chain, SafeVersion version, WorldOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        options ??= new WorldOptions();
        options.Validate();

        var deployer = DevnetAccount.FromLabel("deployer");
        var owners = Accounts("owner", options.OwnerCount);
        var contractOwnerKeys = options.ContractOwner is { } co ? Accounts("contract-owner", co.OwnerCount) : [];
        var ether = UnitConversion.Convert.ToWei(options.EtherPerAccount);
        foreach (var account in owners.Concat(contractOwnerKeys).Append(deployer))
        {
            await chain.Rpc.SetBalanceAsync(account.Address, ether);
        }

        var web3 = chain.CreateWeb3(deployer);
        var contracts = await SafeDeployment.DeployAsync(chain.Directory, web3, version);

        DevnetSafe? contractOwner = null;
        if (options.ContractOwner is { } ownerOptions)
        {
            var address = await contracts.CreateSafeAsync([.. contractOwnerKeys.Select(a => a.Address)], ownerOptions.Threshold);
            contractOwner = new DevnetSafe(address, contractOwnerKeys, ownerOptions.Threshold);
        }

        List<string> safeOwners = [.. owners.Select(a => a.Address)];
        if (contractOwner is not null)
        {
            safeOwners.Add(contractOwner.Address);
        }

        var safe = new DevnetSafe(await contracts.CreateSafeAsync(safeOwners, options.Threshold), owners, options.Threshold);
        var lpt = await DeployTokenAsync(chain, web3, "Livepeer Token (devnet)", "LPT", 18);
        var usdc = await DeployTokenAsync(chain, web3, "USD Coin (devnet)", "USDC", 6);
        await MintAsync(web3, lpt, safe.Address, lpt.ToBaseUnits(options.LptFunding));
        await MintAsync(web3, usdc, safe.Address, usdc.ToBaseUnits(options.UsdcFunding));
        return new DevnetWorld(chain, contracts, deployer, safe, contractOwner, lpt, usdc);
    }

    /// <summary>Mints <paramref name="amount"/> base units of a devnet token to any address (the test token lets anyone mint).</summary>
    public Task MintAsync(DevnetToken token, string to, BigInteger amount) => MintAsync(Web3For(Deployer), token, to, amount);

    private static List<DevnetAccount> Accounts(string prefix, int count)
        => [.. Enumerable.Range(1, count).Select(i => DevnetAccount.FromLabel($"{prefix}-{i}"))];

    internal static async Task<DevnetToken> DeployTokenAsync(DevnetChain chain, Web3 web3, string name, string symbol, byte decimals)
    {
        var artifact = DevnetArtifacts.TestToken(chain.Directory);
        var deployment = new TestTokenDeployment { ByteCode = artifact.Bytecode, Name = name, Symbol = symbol, Decimals = decimals };
        var address = await Deployments.DeployAsync(web3, deployment, $"TestToken {symbol}");
        return new DevnetToken(AddressUtil.Current.ConvertToChecksumAddress(address), symbol, decimals);
    }

    private static async Task MintAsync(Web3 web3, DevnetToken token, string to, BigInteger amount)
    {
        if (amount.IsZero)
        {
            return;
        }

        var receipt = await web3.Eth.GetContractTransactionHandler<MintFunction>()
            .SendRequestAndWaitForReceiptAsync(token.Address, new MintFunction { To = to, Amount = amount });
        Deployments.EnsureSucceeded(receipt, $"minting {token.Symbol}");
    }
}
