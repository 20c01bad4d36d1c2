using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace OssFunding.TransactionService.Tests.Fake;

/// <summary>
/// The fields of a proposal (safe-eth-py SafeMultisigTxSerializer + the service's SafeMultisigTransactionSerializer),
/// parsed from the camelCase body like DRF would: numbers as JSON numbers or strings, addresses checksummed or not,
/// each problem reported under its field name.
/// </summary>
internal sealed record ProposalFields(
    string To, BigInteger Value, byte[] Data, int Operation, BigInteger SafeTxGas, BigInteger BaseGas, BigInteger GasPrice,
    string GasToken, string RefundReceiver, BigInteger Nonce, string ContractTransactionHash, string Sender, string? Signature,
    string? Origin)
{
    private const string Zero = "0x0000000000000000000000000000000000000000";

    public static ProposalFields? Parse(JsonObject body, Dictionary<string, string[]> errors)
    {
        var to = Address(body, "to", errors, required: true);
        var value = Integer(body, "value", errors, required: true);
        var data = Hex(body, "data", errors);
        var operation = Integer(body, "operation", errors, required: true);
        var safeTxGas = Integer(body, "safeTxGas", errors, required: true);
        var baseGas = Integer(body, "baseGas", errors, required: true);
        var gasPrice = Integer(body, "gasPrice", errors, required: true);
        var gasToken = Address(body, "gasToken", errors, required: false) ?? Zero;
        var refundReceiver = Address(body, "refundReceiver", errors, required: false) ?? Zero;
        var nonce = Integer(body, "nonce", errors, required: true);
        var hash = Text(body, "contractTransactionHash");
        var sender = Address(body, "sender", errors, required: true);
        var signature = Text(body, "signature");
        if (hash is null || hash.Length != 66 || !hash.StartsWith("0x", StringComparison.Ordinal))
        {
            errors["contractTransactionHash"] = [hash is null ? "This field is required." : "Hash must be 32 bytes, 0x-prefixed."];
        }

        if (operation is { } op && op > 1)
        {
            errors["operation"] = ["Operation must be 0 (CALL) or 1 (DELEGATE_CALL)."];
        }

        if (signature is not null && (!IsHex(signature) || signature.HexToByteArray().Length < 65))
        {
            errors["signature"] = ["Ensure this field has at least 65 hexadecimal chars (not counting 0x)."];
        }

        return errors.Count > 0
            ? null
            : new ProposalFields(to!, value!.Value, data ?? [], (int)operation!.Value, safeTxGas!.Value, baseGas!.Value, gasPrice!.Value,
                gasToken, refundReceiver, nonce!.Value, hash!.ToLowerInvariant(), sender!, signature, Text(body, "origin"));
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static BigInteger? Integer(JsonObject body, string name, Dictionary<string, string[]> errors, bool required)
    {
        var node = body[name];
        if (node is null)
        {
            if (required)
            {
                errors[name] = ["This field is required."];
            }

            return null;
        }

        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        if (BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors[name] = ["A valid integer is required."];
        return null;
    }

    private static string? Address(JsonObject body, string name, Dictionary<string, string[]> errors, bool required)
    {
        var text = Text(body, name);
        if (text is null)
        {
            if (required)
            {
                errors[name] = ["This field is required."];
            }

            return null;
        }

        if (text.Length != 42 || !IsHex(text))
        {
            errors[name] = [$"{text} is not a valid ethereum address."];
            return null;
        }

        return AddressUtil.Current.ConvertToChecksumAddress(text);
    }

    private static byte[]? Hex(JsonObject body, string name, Dictionary<string, string[]> errors)
    {
        var text = Text(body, name);
        if (text is null)
        {
            return null;
        }

        if (!IsHex(text))
        {
            errors[name] = [$"{text} is not hexadecimal."];
            return null;
        }

        return text.HexToByteArray();
    }

    private static bool IsHex(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length % 2 == 0 && text[2..].All(Uri.IsHexDigit);
}
