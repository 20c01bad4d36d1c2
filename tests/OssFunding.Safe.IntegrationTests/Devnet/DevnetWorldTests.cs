using System.Numerics;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Safe.IntegrationTests.Devnet;

[Collection(DevnetCollection.Name)]
public sealed class DevnetWorldTests(DevnetFixture fixture)
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Deployed_safe_is_3_of_5_with_the_owner_keys_and_the_requested_version(SafeVersion version)
    {
        var world = fixture.World(version);
        var safe = new SafeContract(fixture.Chain.CreateWeb3(), world.SafeAddress);

        Assert.Equal(version, await safe.GetVersionAsync());
        Assert.Equal(3, await safe.GetThresholdAsync());
        Assert.Equal(0, await safe.GetNonceAsync());
        var owners = await safe.GetOwnersAsync();
        Assert.Equal(5, owners.Count);
        Assert.Equal(
            world.Owners.Select(o => o.Address).Order(StringComparer.OrdinalIgnoreCase),
            owners.Order(StringComparer.OrdinalIgnoreCase));
        Assert.False(await safe.IsOwnerAsync(world.Deployer.Address));
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Safe_holds_5000_lpt_and_50000_usdc_with_18_and_6_decimals(SafeVersion version)
    {
        var world = fixture.World(version);
        var web3 = fixture.Chain.CreateWeb3();
        var lpt = new Erc20Contract(web3, world.Lpt.Address);
        var usdc = new Erc20Contract(web3, world.Usdc.Address);

        Assert.Equal(18, await lpt.DecimalsAsync());
        Assert.Equal(6, await usdc.DecimalsAsync());
        Assert.Equal("LPT", await lpt.SymbolAsync());
        Assert.Equal("USDC", await usdc.SymbolAsync());
        Assert.Equal(BigInteger.Parse("5000000000000000000000"), await lpt.BalanceOfAsync(world.SafeAddress));
        Assert.Equal(new BigInteger(50_000_000_000), await usdc.BalanceOfAsync(world.SafeAddress));
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Contract_owner_world_adds_a_second_safe_as_owner_of_the_first(SafeVersion version)
    {
        var world = fixture.WorldWithContractOwner(version);
        var web3 = fixture.Chain.CreateWeb3();
        var contractOwner = Assert.IsType<DevnetSafe>(world.ContractOwner);
        var safe = new SafeContract(web3, world.SafeAddress);
        var ownerSafe = new SafeContract(web3, contractOwner.Address);

        Assert.True(await safe.IsOwnerAsync(contractOwner.Address));
        Assert.Equal(6, (await safe.GetOwnersAsync()).Count);
        Assert.Equal(3, await safe.GetThresholdAsync());
        Assert.Equal(version, await ownerSafe.GetVersionAsync());
        Assert.Equal(1, await ownerSafe.GetThresholdAsync());
        Assert.Equal(
            contractOwner.OwnerAccounts.Select(o => o.Address).Order(StringComparer.OrdinalIgnoreCase),
            (await ownerSafe.GetOwnersAsync()).Order(StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task Domain_separator_binds_chain_42161_and_the_safe_address(SafeVersion version)
    {
        var world = fixture.World(version);
        var safe = new SafeContract(fixture.Chain.CreateWeb3(), world.SafeAddress);

        // keccak256(abi.encode(keccak256("EIP712Domain(uint256 chainId,address verifyingContract)"), chainId, safe))
        var typeHash = Nethereum.Util.Sha3Keccack.Current.CalculateHash(
            System.Text.Encoding.UTF8.GetBytes("EIP712Domain(uint256 chainId,address verifyingContract)"));
        var encoded = new Nethereum.ABI.ABIEncode().GetABIEncoded(
            new Nethereum.ABI.ABIValue("bytes32", typeHash),
            new Nethereum.ABI.ABIValue("uint256", new BigInteger(42161)),
            new Nethereum.ABI.ABIValue("address", world.SafeAddress));
        Assert.Equal(Nethereum.Util.Sha3Keccack.Current.CalculateHash(encoded), await safe.GetDomainSeparatorAsync());
    }
}
