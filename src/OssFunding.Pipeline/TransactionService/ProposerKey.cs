using Microsoft.Extensions.Options;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Keys;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>
/// The proposer's key (<c>Signing:ProposerKeyFile</c> or the variable named by <c>Signing:ProposerKeyEnv</c>): a
/// delegate of an owner, registered with the service, never an owner itself (SPEC §2.4). It only signs the SafeTx hash
/// of a proposal so the service accepts the proposal as trusted; such a signature counts for nothing on chain. Read on
/// first use; the key is never logged, stored or put in an error message.
/// </summary>
public sealed class ProposerKey(IOptions<SigningOptions> signing)
{
    private readonly Lazy<EthECKey> key = new(() => Load(signing.Value), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The delegate address proposals are sent from (the <c>sender</c> field), EIP-55.</summary>
    public string Address => key.Value.GetPublicAddress();

    /// <summary>
    /// An <c>eth_sign</c> signature over the 32-byte SafeTx hash with v + 4 (31/32), as Safe's protocol-kit
    /// <c>signHash</c> produces for a proposal's sender; the service's parser recovers the delegate from it.
    /// </summary>
    public string SignSafeTxHash(string safeTxHash)
    {
        var signature = new EthereumMessageSigner().Sign(safeTxHash.HexToByteArray(), key.Value).HexToByteArray();
        signature[64] += 4;
        return signature.ToHex(true);
    }

    private static EthECKey Load(SigningOptions options)
    {
        string text;
        string where;
        if (!string.IsNullOrEmpty(options.ProposerKeyFile))
        {
            where = $"Signing:ProposerKeyFile ({options.ProposerKeyFile})";
            text = File.Exists(options.ProposerKeyFile)
                ? File.ReadAllText(options.ProposerKeyFile)
                : throw new InvalidOperationException($"{where} does not exist.");
        }
        else if (!string.IsNullOrEmpty(options.ProposerKeyEnv))
        {
            where = $"the environment variable {options.ProposerKeyEnv} named by Signing:ProposerKeyEnv";
            text = Environment.GetEnvironmentVariable(options.ProposerKeyEnv)
                   ?? throw new InvalidOperationException($"{where} is not set.");
        }
        else
        {
            throw new InvalidOperationException(
                "Signing:Mode is TransactionService but neither Signing:ProposerKeyFile nor Signing:ProposerKeyEnv names the proposer key.");
        }

        return PrivateKeyText.TryParse(text)
               ?? throw new InvalidOperationException($"{where} does not hold a private key: {PrivateKeyText.Expected}.");
    }
}
