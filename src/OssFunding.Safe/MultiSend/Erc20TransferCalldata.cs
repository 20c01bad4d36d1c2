using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.MultiSend;

/// <summary>Calldata of ERC-20 <c>transfer(address to, uint256 amount)</c>, built and read with the ABI DTO.</summary>
public static class Erc20TransferCalldata
{
    /// <summary>4-byte selector + two 32-byte words.</summary>
    public const int Length = 68;

    public static byte[] Encode(string recipient, System.Numerics.BigInteger amount) =>
        new TransferFunction { To = recipient, Amount = amount }.GetCallData();

    /// <summary>Reads a canonical transfer call (exact length, clean address word) and refuses anything else.</summary>
    public static (string Recipient, System.Numerics.BigInteger Amount) Decode(ReadOnlySpan<byte> calldata, string where)
    {
        var selector = new TransferFunction().GetCallData().AsSpan(0, 4);
        if (calldata.Length < 4 || !calldata[..4].SequenceEqual(selector))
        {
            var found = calldata.Length < 4 ? $"{calldata.Length} bytes of calldata" : $"selector {calldata[..4].ToArray().ToHex(true)}";
            throw new PaymentCalldataException(PaymentCalldataError.NotTransfer,
                $"{where} is not an ERC-20 transfer(address,uint256): found {found}, expected selector {selector.ToArray().ToHex(true)}.");
        }

        if (calldata.Length != Length)
        {
            var error = calldata.Length > Length ? PaymentCalldataError.TrailingBytes : PaymentCalldataError.Malformed;
            throw new PaymentCalldataException(error,
                $"{where} transfer calldata is {calldata.Length} bytes; a transfer is exactly {Length}.");
        }

        if (!EthAddress.IsCleanAddressWord(calldata.Slice(4, 32)))
        {
            throw new PaymentCalldataException(PaymentCalldataError.Malformed,
                $"{where} transfer recipient word has non-zero high bytes; it is not a canonical address.");
        }

        var decoded = new TransferFunction().DecodeInput(calldata.ToArray().ToHex(true));
        return (EthAddress.Normalize(decoded.To, "recipient"), decoded.Amount);
    }
}
