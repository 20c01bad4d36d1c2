using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace OssFunding.Safe.Eip712;

/// <summary>
/// The hash a Safe's owners sign when that Safe is itself an EIP-1271 owner of another Safe: the
/// CompatibilityFallbackHandler checks the owners' signatures against EIP-712 <c>SafeMessage(bytes message)</c> in the
/// owner Safe's domain, with <c>message</c> = what the Safe asks it about (for a SafeTx:
/// <see cref="SafeTxHashes.ContractOwnerMessage"/>, the encoded data on 1.3.0/1.4.1, the SafeTx hash on 1.5.0).
/// </summary>
public static class SafeMessageHasher
{
    public static byte[] Hash(SafeDomain ownerSafeDomain, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(ownerSafeDomain);
        var typedData = new TypedData<DomainWithChainIdAndVerifyingContract>
        {
            Domain = ownerSafeDomain.ToNethereumDomain(),
            Types = MemberDescriptionFactory.GetTypesMemberDescription(
                typeof(DomainWithChainIdAndVerifyingContract), typeof(SafeMessageStruct)),
            PrimaryType = "SafeMessage",
        };
        typedData.SetMessage(new SafeMessageStruct { Message = message.ToArray() });
        return Eip712TypedDataEncoder.Current.CalculateTypedDataHashes(typedData).TypedDataHash;
    }

    [Struct("SafeMessage")]
    internal sealed class SafeMessageStruct
    {
        [Parameter("bytes", "message", 1)]
        public byte[] Message { get; set; } = [];
    }
}
