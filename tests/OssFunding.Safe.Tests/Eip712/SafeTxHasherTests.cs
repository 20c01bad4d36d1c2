using Nethereum.Hex.HexConvertors.Extensions;
using OssFunding.Safe.Eip712;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Tests.Eip712;

public sealed class SafeTxHasherTests
{
    /// <summary>
    /// Published vector: safe-global/safe-eth-py, safe_eth/safe/tests/test_safe_tx.py,
    /// test_hash_safe_multisig_tx_1_3 (commit 456e207ab4b20e332ebecd813af5340bc929acdb), Safe 1.3.0 on Rinkeby.
    /// </summary>
    [Fact]
    public void Matches_the_safe_eth_py_1_3_0_vector()
    {
        var domain = new SafeDomain(4, "0x2B0b9cBDA3D7b0F760187c52A8FFB18C48E5d96A");
        var tx = new SafeTransaction(
            "0x79613FD49472C3C7a32188e45ff00e7bdC8a897d", 2, "0x1212".HexToByteArray(), SafeOperation.Call,
            0, 0, 0, "0xFA995c7a0d32A4e7497508a5C380369BE8dB49Db", "0x6b92f5E5360bfCa8F5d3FcE65D87382967847983", 17);

        var hashes = SafeTxHasher.Hash(domain, tx);

        Assert.Equal("0x01d42a801ac44d3ebd43592be980dea0756d7f7b27d718d3016a42ea7ce85587", hashes.SafeTxHashHex);
    }

    /// <summary>
    /// Published vector with all three intermediate values: morpho-org/safe-tx-hash, test.py
    /// (an ERC-20 transfer from a Safe on Base, chain 8453, nonce 11).
    /// </summary>
    [Fact]
    public void Matches_a_vector_with_domain_separator_and_struct_hash()
    {
        var domain = new SafeDomain(8453, "0xcBa28b38103307Ec8dA98377ffF9816C164f9AFa");
        var data = ("0xa9059cbb000000000000000000000000f057afeec22e220f47ad4220871364e9e828b2e9"
            + "00000000000000000000000000000000000000000001a784379d99db42000000").HexToByteArray();
        var tx = SafeTransaction.WithoutRefund(
            new SafeCall("0xBAa5CC21fd487B8Fcc2F632f3F4E8D37262a0842", 0, data, SafeOperation.Call), 11);

        var hashes = SafeTxHasher.Hash(domain, tx);

        Assert.Equal("0x837b1eb3bcc66a4b6bd9f0d8c876e31648b46ac2e66e4080ee93e97e51074cb9", hashes.DomainSeparator.ToHex(true));
        Assert.Equal("0x18100568166f32d42c2c1d01c907dabc9bec58334a125da2a2a43742764183cd", hashes.StructHash.ToHex(true));
        Assert.Equal("0x1bf99e3cf2d2272960c8a02ca4163459ad240de7995bec237a886b84968a077c", hashes.SafeTxHashHex);
        Assert.Equal(hashes.DomainSeparator, SafeTxHasher.DomainSeparator(domain));
    }

    [Fact]
    public void Encoded_data_is_the_eip712_preimage_of_the_hash()
    {
        var domain = new SafeDomain(42161, "0x2B0b9cBDA3D7b0F760187c52A8FFB18C48E5d96A");
        var tx = SafeTransaction.WithoutRefund(new SafeCall("0x79613FD49472C3C7a32188e45ff00e7bdC8a897d", 1, new byte[] { 1 }, SafeOperation.Call), 3);

        var hashes = SafeTxHasher.Hash(domain, tx);

        Assert.Equal(66, hashes.EncodedData.Length);
        Assert.Equal(new byte[] { 0x19, 0x01 }, hashes.EncodedData[..2]);
        Assert.Equal(hashes.SafeTxHash, Nethereum.Util.Sha3Keccack.Current.CalculateHash(hashes.EncodedData));
    }

    [Fact]
    public void Every_field_changes_the_hash()
    {
        var domain = new SafeDomain(42161, "0x2B0b9cBDA3D7b0F760187c52A8FFB18C48E5d96A");
        const string a = "0x79613FD49472C3C7a32188e45ff00e7bdC8a897d";
        const string b = "0x6b92f5E5360bfCa8F5d3FcE65D87382967847983";
        SafeTransaction Tx(string to = a, int value = 0, byte[]? data = null, SafeOperation op = SafeOperation.Call, int safeTxGas = 0,
            int baseGas = 0, int gasPrice = 0, string gasToken = EthAddress.Zero, string refund = EthAddress.Zero, int nonce = 0) =>
            new(to, value, data ?? [], op, safeTxGas, baseGas, gasPrice, gasToken, refund, nonce);

        var variants = new[]
        {
            Tx(), Tx(to: b), Tx(value: 1), Tx(data: [0]), Tx(op: SafeOperation.DelegateCall), Tx(safeTxGas: 1),
            Tx(baseGas: 1), Tx(gasPrice: 1), Tx(gasToken: b), Tx(refund: b), Tx(nonce: 1),
        };

        var hashes = variants.Select(t => SafeTxHasher.Hash(domain, t).SafeTxHashHex).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        Assert.NotEqual(hashes[0], SafeTxHasher.Hash(new SafeDomain(1, domain.SafeAddress), variants[0]).SafeTxHashHex);
    }
}
