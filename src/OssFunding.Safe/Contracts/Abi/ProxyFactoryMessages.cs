// Written from contracts-abi/safe-1.3.0/GnosisSafeProxyFactory.json and
// contracts-abi/safe-1.4.1/ and safe-1.5.0/SafeProxyFactory.json (1.5.0 adds L2 creation variants, unused here). No logic here.
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Safe.Contracts.Abi;

[Function("createProxyWithNonce", "address")]
public sealed class CreateProxyWithNonceFunction : FunctionMessage
{
    [Parameter("address", "_singleton", 1)]
    public string Singleton { get; set; } = "";

    /// <summary>Calldata of <c>setup(...)</c>, run by the new proxy.</summary>
    [Parameter("bytes", "initializer", 2)]
    public byte[] Initializer { get; set; } = [];

    [Parameter("uint256", "saltNonce", 3)]
    public BigInteger SaltNonce { get; set; }
}

/// <summary>1.3.0 <c>ProxyCreation(address proxy, address singleton)</c>: nothing indexed.</summary>
[Event("ProxyCreation")]
public sealed class ProxyCreationV130Event : IEventDTO
{
    [Parameter("address", "proxy", 1, false)]
    public string Proxy { get; set; } = "";

    [Parameter("address", "singleton", 2, false)]
    public string Singleton { get; set; } = "";
}

/// <summary>1.4.1 and 1.5.0 <c>ProxyCreation(address indexed proxy, address singleton)</c>.</summary>
[Event("ProxyCreation")]
public sealed class ProxyCreationV141Event : IEventDTO
{
    [Parameter("address", "proxy", 1, true)]
    public string Proxy { get; set; } = "";

    [Parameter("address", "singleton", 2, false)]
    public string Singleton { get; set; } = "";
}
