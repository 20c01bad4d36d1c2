using Nethereum.Signer;
using Nethereum.Util;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.IntegrationTests.Protocol;

/// <summary>
/// Seeded random signature sets for one transaction: mixes of the four types, valid and invalid pieces
/// (strangers, other hashes, wrong method, unapproved hashes, refused EIP-1271), any order, duplicates,
/// and byte-level corruption. Approvals on chain: <see cref="ApprovedOwner"/> has called approveHash.
/// </summary>
internal sealed class SignatureSetGenerator(ProtocolWorld world, SafeTxHashes hashes, Random random)
{
    private static readonly EthECKey Stranger = new(Sha3Keccack.Current.CalculateHash("stranger"u8.ToArray()), true);

    public DevnetOwner ApprovedOwner => new(world.EoaOwners[3].Address, world.EoaOwners[3].Key);

    public DevnetOwner ExecutorOwner => new(world.EoaOwners[4].Address, world.EoaOwners[4].Key);

    public (byte[] Signatures, string Description) Next()
    {
        // Distinct signers by default (slots 0-4: EOA owners, 5: the owner Safe), so that about half the sets
        // are valid; duplicates, bad pieces, shuffles and corruption then make the rest invalid.
        var count = random.Next(5) == 0 ? 2 : random.Next(3, 6);
        var slots = Enumerable.Range(0, world.EoaOwners.Count + 1).OrderBy(_ => random.Next()).Take(count);
        var pieces = slots.Select(slot => random.Next(6) == 0 ? BadPiece() : GoodPiece(slot)).ToList();
        if (random.Next(8) == 0)
        {
            pieces.Add(pieces[random.Next(pieces.Count)] with { Label = "duplicate" });
        }

        pieces = random.Next(6) == 0
            ? [.. pieces.OrderBy(_ => random.Next())]
            : [.. pieces.OrderBy(p => p.SortKey, Comparer<string>.Create(EthAddress.CompareNumerically))];
        var packed = SafeSignaturePacker.Encode([.. pieces.Select(p => p.Signature)]);
        var description = string.Join(", ", pieces.Select(p => p.Label));
        return random.Next(5) == 0 ? Corrupt(packed, description) : (packed, description);
    }

    private Piece GoodPiece(int slot)
    {
        if (slot == world.EoaOwners.Count)
        {
            return new Piece(world.OwnerSafe.Address, world.SignAsOwnerSafe(hashes), "eip1271 owner safe");
        }

        var owner = world.EoaOwners[slot];
        return (slot, random.Next(3)) switch
        {
            (3, 0) => new Piece(ApprovedOwner.Address, SafeSignature.ApprovedHash(ApprovedOwner.Address), "approved (on chain)"),
            (4, 0) => new Piece(ExecutorOwner.Address, SafeSignature.ApprovedHash(ExecutorOwner.Address), "approved (valid if executor)"),
            (_, 1) => new Piece(owner.Address, ProtocolWorld.SignEthSign(owner.Key, hashes.SafeTxHash), $"eth_sign {owner.Label}"),
            _ => new Piece(owner.Address, ProtocolWorld.SignTyped(owner.Key, hashes.SafeTxHash), $"eip712 {owner.Label}"),
        };
    }

    private Piece BadPiece()
    {
        var owner = world.EoaOwners[random.Next(world.EoaOwners.Count)];
        var otherHash = Sha3Keccack.Current.CalculateHash([.. hashes.SafeTxHash, 1]);
        switch (random.Next(7))
        {
            case 0:
                return new Piece(Stranger.GetPublicAddress(), ProtocolWorld.SignTyped(Stranger, hashes.SafeTxHash), "eip712 stranger");
            case 1:
                return new Piece(owner.Address, ProtocolWorld.SignTyped(owner.Key, otherHash), $"eip712 {owner.Label} other hash");
            case 2:
                var mislabelled = ProtocolWorld.SignEthSign(owner.Key, hashes.SafeTxHash).ToBytes();
                mislabelled[64] -= 4;
                return new Piece(owner.Address, SafeSignature.Ecdsa(mislabelled), $"eth_sign {owner.Label} labelled eip712");
            case 3:
                return new Piece(world.EoaOwners[0].Address, SafeSignature.ApprovedHash(world.EoaOwners[0].Address), "approved (not on chain)");
            case 4:
                return new Piece(world.OwnerSafe.Address, world.SignAsOwnerSafe(hashes, Stranger), "eip1271 signed by stranger");
            case 5:
                return new Piece(owner.Address, SafeSignature.Contract(owner.Address, [1, 2, 3]), $"eip1271 naming EOA {owner.Label}");
            default:
                return new Piece(Stranger.GetPublicAddress(), SafeSignature.ApprovedHash(Stranger.GetPublicAddress()), "approved stranger");
        }
    }

    private (byte[], string) Corrupt(byte[] packed, string description)
    {
        var bytes = packed.ToArray();
        switch (random.Next(5))
        {
            case 0:
                var cut = random.Next(1, Math.Min(80, bytes.Length));
                return (bytes[..^cut], $"{description}; truncated {cut}");
            case 1:
                var at = random.Next(bytes.Length);
                bytes[at] ^= (byte)random.Next(1, 256);
                return (bytes, $"{description}; byte {at} flipped");
            case 2:
                var block = random.Next(bytes.Length / 65);
                bytes[(block * 65) + 64] = (byte)random.Next(256);
                return (bytes, $"{description}; v of {block} = {bytes[(block * 65) + 64]}");
            case 3:
                var extra = new byte[random.Next(1, 100)];
                random.NextBytes(extra);
                return ([.. bytes, .. extra], $"{description}; {extra.Length} garbage bytes appended");
            default:
                var offsetBlock = random.Next(bytes.Length / 65);
                bytes[(offsetBlock * 65) + 63] = (byte)random.Next(256);
                return (bytes, $"{description}; s low byte of {offsetBlock} = {bytes[(offsetBlock * 65) + 63]}");
        }
    }

    internal sealed record DevnetOwner(string Address, EthECKey Key);

    private sealed record Piece(string SortKey, SafeSignature Signature, string Label);
}
