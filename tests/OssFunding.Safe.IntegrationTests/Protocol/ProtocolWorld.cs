using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.IntegrationTests.Protocol;

/// <summary>A devnet Safe seen through the protocol layer: its domain, owners, signers and the real contract.</summary>
public sealed class ProtocolWorld
{
    private ProtocolWorld(DevnetWorld devnet, IReadOnlyList<string> owners, int threshold)
    {
        Devnet = devnet;
        Owners = owners;
        Threshold = threshold;
        Domain = new SafeDomain(devnet.Chain.ChainId, devnet.SafeAddress);
        Verifier = new SafeSignatureVerifier(new NethereumSafeSignatureChainReader(devnet.Chain.CreateWeb3()));
    }

    public DevnetWorld Devnet { get; }

    public SafeDomain Domain { get; }

    /// <summary>Owners as the Safe reports them (owner-1 … owner-5 and the owner Safe).</summary>
    public IReadOnlyList<string> Owners { get; }

    public int Threshold { get; }

    public SafeSignatureVerifier Verifier { get; }

    public DevnetSafe OwnerSafe => Devnet.ContractOwner ?? throw new InvalidOperationException("This world has no contract owner.");

    public IReadOnlyList<DevnetAccount> EoaOwners => Devnet.Owners;

    public string MultiSendCallOnly => Devnet.Contracts.MultiSendCallOnly;

    public static async Task<ProtocolWorld> CreateAsync(DevnetWorld devnet)
    {
        var safe = new SafeContract(devnet.Chain.CreateWeb3(), devnet.SafeAddress);
        return new ProtocolWorld(devnet, await safe.GetOwnersAsync(), await safe.GetThresholdAsync());
    }

    public SafeContract SafeAs(DevnetAccount account) => new(Devnet.Web3For(account), Devnet.SafeAddress);

    public SignatureCheckContext Context(SafeTransaction transaction, string? executor = null) =>
        new(Domain, transaction, Owners, Threshold, Devnet.Version, executor);

    public static SafeSignature SignTyped(EthECKey key, byte[] hash) =>
        SafeSignature.Ecdsa(Rsv(key.SignAndCalculateV(hash)));

    public static SafeSignature SignEthSign(EthECKey key, byte[] hash)
    {
        var bytes = new EthereumMessageSigner().Sign(hash, key).HexToByteArray();
        bytes[64] += 4;
        return SafeSignature.Ecdsa(bytes);
    }

    /// <summary>
    /// The owner Safe's EIP-1271 signature: one of its owners signs the SafeMessage hash, in the owner Safe's domain,
    /// of what the main Safe asks it about (the encoded transaction data on 1.3.0/1.4.1 through
    /// <c>isValidSignature(bytes,bytes)</c>, the SafeTx hash on 1.5.0 through <c>isValidSignature(bytes32,bytes)</c>).
    /// The owner Safe is of the same version, so its CompatibilityFallbackHandler answers the variant its Safe calls
    /// (1.5.0's handler has only the bytes32 one).
    /// </summary>
    public SafeSignature SignAsOwnerSafe(SafeTxHashes hashes, EthECKey? innerSigner = null)
    {
        var ownerDomain = new SafeDomain(Devnet.Chain.ChainId, OwnerSafe.Address);
        var messageHash = SafeMessageHasher.Hash(ownerDomain, hashes.ContractOwnerMessage(Devnet.Version));
        var inner = SignTyped(innerSigner ?? OwnerSafe.OwnerAccounts[0].Key, messageHash);
        return SafeSignature.Contract(OwnerSafe.Address, inner.ToBytes());
    }

    public async Task<SafeTransaction> DraftAsync(SafeCall call)
    {
        var nonce = await new SafeContract(Devnet.Chain.CreateWeb3(), Devnet.SafeAddress).GetNonceAsync();
        return SafeTransaction.WithoutRefund(call, nonce);
    }

    public Task<TransactionReceipt> ExecuteAsync(SafeTransaction tx, byte[] signatures, DevnetAccount executor) =>
        SafeAs(executor).ExecTransactionAsync(tx.ToExecTransaction(signatures));

    private static byte[] Rsv(EthECDSASignature signature) =>
        [.. Word(signature.R), .. Word(signature.S), signature.V[0]];

    private static byte[] Word(byte[] value) => [.. new byte[32 - value.Length], .. value];

    internal static BigInteger RandomUint(Random random, int maxBytes)
    {
        var bytes = new byte[random.Next(0, maxBytes + 1)];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }
}
