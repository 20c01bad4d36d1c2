using Nethereum.Signer;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Tests.Signatures;

/// <summary>A 3-of-5 Safe with fixed owner keys, one transaction, and signing helpers for each signature type.</summary>
internal sealed class SignatureFixture
{
    public static readonly SafeDomain Domain = new(42161, "0x2B0b9cBDA3D7b0F760187c52A8FFB18C48E5d96A");

    public static readonly SafeTransaction Transaction = SafeTransaction.WithoutRefund(
        new SafeCall("0x79613FD49472C3C7a32188e45ff00e7bdC8a897d", 0, new byte[] { 0xa9, 0x05, 0x9c, 0xbb }, SafeOperation.Call), 4);

    public const string ContractOwner = "0x1111111111111111111111111111111111111111";

    /// <summary>Owner keys, ordered by ascending address.</summary>
    public static readonly IReadOnlyList<EthECKey> Keys = Enumerable.Range(1, 4)
        .Select(i => new EthECKey(Nethereum.Util.Sha3Keccack.Current.CalculateHash([(byte)i]), true))
        .OrderBy(k => k.GetPublicAddress(), Comparer<string>.Create(EthAddress.CompareNumerically))
        .ToList();

    public static readonly EthECKey Stranger = new("0x" + new string('7', 64));

    public FakeChainReader Chain { get; } = new();

    public static SignatureCheckContext Context(string? executor = null, int threshold = 3, SafeVersion version = SafeVersion.V141) =>
        new(Domain, Transaction, [.. Keys.Select(k => k.GetPublicAddress()), ContractOwner], threshold, version, executor);

    public SafeSignatureVerifier Verifier => new(Chain);

    public static byte[] SafeTxHash => SafeTxHasher.Hash(Domain, Transaction).SafeTxHash;

    public static byte[] SignTyped(EthECKey key, byte[]? hash = null) => key.SignAndCalculateV(hash ?? SafeTxHash).ToRsv();

    public static byte[] SignEthSign(EthECKey key, byte[]? hash = null)
    {
        var rsv = new EthereumMessageSigner().Sign(hash ?? SafeTxHash, key);
        var bytes = Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.HexToByteArray(rsv);
        bytes[64] += 4;
        return bytes;
    }

    public static string Address(int index) => Keys[index].GetPublicAddress();
}

internal static class SignatureExtensions
{
    public static byte[] ToRsv(this EthECDSASignature signature) => [.. signature.R.PadLeft(), .. signature.S.PadLeft(), signature.V[0]];

    private static byte[] PadLeft(this byte[] word) => [.. new byte[32 - word.Length], .. word];
}

/// <summary>Chain state for unit tests; the Nethereum reader is exercised against anvil in the integration tests.</summary>
internal sealed class FakeChainReader : ISafeSignatureChainReader
{
    public HashSet<string> ApprovedOwners { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] AcceptedContractSignature { get; set; } = [0xc0, 0xff, 0xee];

    public List<(string Owner, SafeVersion Version, byte[] Data, string Caller)> ContractCalls { get; } = [];

    public Task<bool> IsHashApprovedAsync(string safe, string owner, byte[] hash, CancellationToken cancellationToken = default) =>
        Task.FromResult(ApprovedOwners.Contains(owner) && hash.SequenceEqual(SignatureFixture.SafeTxHash));

    public Task<bool> IsValidContractSignatureAsync(
        string contractOwner, SafeVersion version, byte[] message, byte[] signature, string caller,
        CancellationToken cancellationToken = default)
    {
        ContractCalls.Add((contractOwner, version, message, caller));
        return Task.FromResult(signature.SequenceEqual(AcceptedContractSignature));
    }
}
