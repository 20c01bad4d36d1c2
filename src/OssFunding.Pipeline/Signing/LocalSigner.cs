using Dapper;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using OssFunding.Core.Storage;
using OssFunding.Pipeline.Keys;

namespace OssFunding.Pipeline.Signing;

/// <summary>
/// Signs a stored transaction's typed data with a private key (EIP-712, v 27/28) and posts the signature through the
/// <see cref="SignatureCollector"/>, exactly as an owner's wallet would. For <c>sign SAFE_TX_HASH --key-env VAR</c> on
/// devnets and for owners who want it; the worker itself never holds an owner key. The key is never logged or stored.
/// </summary>
public sealed class LocalSigner(LedgerDatabase database, SignatureCollector collector)
{
    /// <summary>The EIP-712 signature of the transaction's stored typed data, or null when no such transaction exists.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes of hex (the message never contains the key).</exception>
    public async Task<string?> SignAsync(string safeTxHash, string privateKeyHex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(safeTxHash);
        var key = ParseKey(privateKeyHex);
        await using var connection = await database.OpenAsync(cancellationToken);
        var typedData = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT typed_data FROM safe_transactions WHERE safe_tx_hash = @hash",
            new { hash = safeTxHash.ToLowerInvariant() }, cancellationToken: cancellationToken));
        return typedData is null ? null : new Eip712TypedDataSigner().SignTypedDataV4(typedData, key);
    }

    /// <summary>Signs and submits; the outcome is the collector's (UnknownTx when the hash is not known).</summary>
    public async Task<SignatureOutcome> SignAndSubmitAsync(string safeTxHash, string privateKeyHex, CancellationToken cancellationToken)
    {
        var signature = await SignAsync(safeTxHash, privateKeyHex, cancellationToken);
        return signature is null
            ? new SignatureOutcome(SignatureResult.UnknownTx, $"No Safe transaction {safeTxHash} is known to this worker.", null, null)
            : await collector.AddAsync(safeTxHash, signature, cancellationToken);
    }

    /// <summary>The address a key signs as, to tell the user who is signing without showing the key.</summary>
    public static string AddressOf(string privateKeyHex) => ParseKey(privateKeyHex).GetPublicAddress();

    private static EthECKey ParseKey(string privateKeyHex) =>
        PrivateKeyText.TryParse(privateKeyHex)
        ?? throw new ArgumentException($"The private key must be {PrivateKeyText.Expected}.", nameof(privateKeyHex));
}
