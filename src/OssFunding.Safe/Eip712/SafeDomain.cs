using System.Numerics;
using Nethereum.ABI.EIP712;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Eip712;

/// <summary>
/// The EIP-712 domain of one Safe. Safe 1.3.0, 1.4.1 and 1.5.0 all use
/// <c>EIP712Domain(uint256 chainId,address verifyingContract)</c> (no name, no version).
/// </summary>
public sealed record SafeDomain
{
    public SafeDomain(BigInteger chainId, string safeAddress)
    {
        if (chainId.Sign <= 0 || chainId > Uint256.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(chainId), chainId, "chainId must be a positive uint256.");
        }

        ChainId = chainId;
        SafeAddress = EthAddress.Normalize(safeAddress, nameof(safeAddress));
    }

    public BigInteger ChainId { get; }

    public string SafeAddress { get; }

    internal DomainWithChainIdAndVerifyingContract ToNethereumDomain() =>
        new() { ChainId = ChainId, VerifyingContract = SafeAddress };
}
