using Nethereum.ABI.EIP712;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Eip712;

/// <summary>Computes the SafeTx hash with Nethereum's EIP-712 encoder, the same value as the contract's <c>getTransactionHash</c>.</summary>
public static class SafeTxHasher
{
    public static SafeTxHashes Hash(SafeDomain domain, SafeTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(transaction);
        var typedData = SafeTxTypedData.Create(domain, transaction);
        var hashes = Eip712TypedDataEncoder.Current.CalculateTypedDataHashes(typedData);
        return new SafeTxHashes(hashes.DomainHash, hashes.MessageHash, hashes.TypedDataHash);
    }

    /// <summary>The Safe's <c>domainSeparator()</c>.</summary>
    public static byte[] DomainSeparator(SafeDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var typedData = new TypedData<DomainWithChainIdAndVerifyingContract>
        {
            Domain = domain.ToNethereumDomain(),
            Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(DomainWithChainIdAndVerifyingContract)),
            PrimaryType = "EIP712Domain",
        };
        return Eip712TypedDataEncoder.Current.HashDomainSeparator(typedData);
    }
}
