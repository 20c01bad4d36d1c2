using System.Numerics;

namespace OssFunding.Safe.Signatures;

/// <summary>
/// Reads signature bytes the way the Safe's <c>checkNSignatures</c> does (1.3.0, 1.4.1 and 1.5.0 alike): static
/// 65-byte blocks r ‖ s ‖ v, and for v = 0 a dynamic part at offset s: a 32-byte length, then the data.
/// </summary>
public static class SafeSignatureParser
{
    public const int StaticLength = 65;

    /// <summary>
    /// One owner's signature as posted to the worker: exactly 65 bytes, or for a contract owner the static
    /// block with s = 65 followed by its length-prefixed data and nothing else.
    /// </summary>
    public static SafeSignature ParseSingle(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < StaticLength)
        {
            throw SafeSignatureException.Malformed($"A signature is at least {StaticLength} bytes, got {bytes.Length}.");
        }

        var v = bytes[64];
        if (v != 0)
        {
            return bytes.Length == StaticLength
                ? Block(bytes, v, [], null)
                : throw SafeSignatureException.Malformed(
                    $"A signature with v = {v} is exactly {StaticLength} bytes, got {bytes.Length}.");
        }

        var offset = Word(bytes.Slice(32, 32));
        if (offset != StaticLength)
        {
            throw SafeSignatureException.Malformed(
                $"A single contract signature must point its data right after the static part (s = {StaticLength}), found s = {offset}.");
        }

        var data = DynamicPart(bytes, offset, StaticLength, null);
        var expected = StaticLength + 32 + data.Length;
        return bytes.Length == expected
            ? Block(bytes, v, data, null)
            : throw SafeSignatureException.Malformed(
                $"Contract signature is {bytes.Length} bytes but its static part and {data.Length} data bytes make {expected}.");
    }

    /// <summary>
    /// The first <paramref name="count"/> signatures of a packed set, with the same bounds checks as the
    /// contract (GS020–GS023). Bytes after them are ignored, as the contract ignores them.
    /// </summary>
    public static IReadOnlyList<SafeSignature> ParseConcatenated(ReadOnlySpan<byte> signatures, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var staticPart = count * StaticLength;
        if (signatures.Length < staticPart)
        {
            throw signatures.Length % StaticLength == 0
                ? new SafeSignatureException(SignatureRejection.ThresholdNotMet,
                    $"{signatures.Length / StaticLength} of {count} required signatures provided.")
                : SafeSignatureException.Malformed(
                    $"Signatures are {signatures.Length} bytes, shorter than {count} × {StaticLength} = {staticPart}.");
        }

        var parsed = new List<SafeSignature>(count);
        for (var i = 0; i < count; i++)
        {
            var block = signatures.Slice(i * StaticLength, StaticLength);
            var v = block[64];
            var data = v == 0 ? DynamicPart(signatures, Word(block.Slice(32, 32)), staticPart, i) : [];
            parsed.Add(Block(block, v, data, i));
        }

        return parsed;
    }

    private static SafeSignature Block(ReadOnlySpan<byte> block, byte v, ReadOnlySpan<byte> contractData, int? index) =>
        new(v, block[..32], block.Slice(32, 32), contractData, index);

    private static byte[] DynamicPart(ReadOnlySpan<byte> signatures, BigInteger offset, int staticPart, int? index)
    {
        if (offset < staticPart)
        {
            throw SafeSignatureException.Malformed(
                $"contract signature offset {offset} points inside the static part ({staticPart} bytes).", index);
        }

        if (offset + 32 > signatures.Length)
        {
            throw SafeSignatureException.Malformed(
                $"contract signature offset {offset} leaves no room for its 32-byte length in {signatures.Length} bytes.", index);
        }

        var length = Word(signatures.Slice((int)offset, 32));
        if (offset + 32 + length > signatures.Length)
        {
            throw SafeSignatureException.Malformed(
                $"contract signature declares {length} bytes at offset {offset}, past the end of {signatures.Length} bytes.", index);
        }

        return signatures.Slice((int)offset + 32, (int)length).ToArray();
    }

    private static BigInteger Word(ReadOnlySpan<byte> word) => new(word, isUnsigned: true, isBigEndian: true);
}
