using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Web3;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Devnet;

/// <summary>
/// The Safe contracts of one version deployed from the npm artifacts' bytecode: the L2 singleton, the proxy
/// factory, MultiSendCallOnly and CompatibilityFallbackHandler. Creates Safe proxies the way the Safe UI does:
/// <c>createProxyWithNonce(singleton, setup(...), saltNonce)</c>.
/// </summary>
public sealed class SafeDeployment
{
    private static readonly string ZeroAddress = "0x0000000000000000000000000000000000000000";

    private readonly IWeb3 _deployer;
    private BigInteger _nextSaltNonce;

    private SafeDeployment(IWeb3 deployer, SafeVersion version, string singleton, string proxyFactory, string multiSendCallOnly, string fallbackHandler)
    {
        _deployer = deployer;
        Version = version;
        Singleton = singleton;
        ProxyFactory = proxyFactory;
        MultiSendCallOnly = multiSendCallOnly;
        FallbackHandler = fallbackHandler;
    }

    public SafeVersion Version { get; }

    public string Singleton { get; }

    public string ProxyFactory { get; }

    public string MultiSendCallOnly { get; }

    public string FallbackHandler { get; }

    /// <param name="deployer">Web3 with a funded account; it pays for every deployment and Safe creation.</param>
    public static async Task<SafeDeployment> DeployAsync(DevnetDirectory devnet, IWeb3 deployer, SafeVersion version)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        ArgumentNullException.ThrowIfNull(deployer);
        var singleton = await Deployments.DeployAsync(deployer, DevnetArtifacts.SafeSingleton(devnet, version));
        var factory = await Deployments.DeployAsync(deployer, DevnetArtifacts.ProxyFactory(devnet, version));
        var multiSend = await Deployments.DeployAsync(deployer, DevnetArtifacts.MultiSendCallOnly(devnet, version));
        var handler = await Deployments.DeployAsync(deployer, DevnetArtifacts.FallbackHandler(devnet, version));
        return new SafeDeployment(deployer, version, singleton, factory, multiSend, handler);
    }

    /// <summary>Creates and sets up a Safe proxy with the fallback handler; returns its address.</summary>
    public async Task<string> CreateSafeAsync(IReadOnlyList<string> owners, int threshold)
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count == 0 || threshold < 1 || threshold > owners.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"A Safe needs 1 ≤ threshold ≤ owners ({owners.Count}).");
        }

        var setup = new SetupFunction
        {
            Owners = [.. owners],
            Threshold = threshold,
            To = ZeroAddress,
            Data = [],
            FallbackHandler = FallbackHandler,
            PaymentToken = ZeroAddress,
            Payment = 0,
            PaymentReceiver = ZeroAddress,
        };
        var create = new CreateProxyWithNonceFunction
        {
            Singleton = Singleton,
            Initializer = setup.GetCallData(),
            SaltNonce = _nextSaltNonce++,
        };
        var receipt = await _deployer.Eth.GetContractTransactionHandler<CreateProxyWithNonceFunction>()
            .SendRequestAndWaitForReceiptAsync(ProxyFactory, create);
        Deployments.EnsureSucceeded(receipt, "creating a Safe proxy");

        // ProxyCreation's proxy is in the data on 1.3.0 and in topic 1 on 1.4.1 and 1.5.0: the DTO must match the version.
        var proxy = Version == SafeVersion.V130
            ? receipt.DecodeAllEvents<ProxyCreationV130Event>().Single().Event.Proxy
            : receipt.DecodeAllEvents<ProxyCreationV141Event>().Single().Event.Proxy;
        return Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(proxy);
    }
}
