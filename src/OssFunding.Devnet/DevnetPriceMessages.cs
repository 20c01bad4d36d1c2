using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Devnet;

// Calls the devnet makes to set up prices: our own feeds and pool trader (devnet/contracts) and the real Uniswap v3
// factory and pool (their published ABI).

internal sealed class PriceFeedDeployment : ContractDeploymentMessage
{
    public PriceFeedDeployment()
        : base(string.Empty)
    {
    }

    [Parameter("uint8", "decimals_", 1)]
    public byte Decimals { get; set; }

    [Parameter("string", "description_", 2)]
    public string Description { get; set; } = "";
}

[Function("publish")]
internal sealed class PublishRoundFunction : FunctionMessage
{
    [Parameter("int256", "answer", 1)]
    public BigInteger Answer { get; set; }

    [Parameter("uint256", "startedAt", 2)]
    public BigInteger StartedAt { get; set; }

    [Parameter("uint256", "updatedAt", 3)]
    public BigInteger UpdatedAt { get; set; }
}

[Function("setDown")]
internal sealed class SetSequencerDownFunction : FunctionMessage
{
    [Parameter("bool", "down", 1)]
    public bool Down { get; set; }
}

[Function("createPool", "address")]
internal sealed class CreatePoolFunction : FunctionMessage
{
    [Parameter("address", "tokenA", 1)]
    public string TokenA { get; set; } = "";

    [Parameter("address", "tokenB", 2)]
    public string TokenB { get; set; } = "";

    [Parameter("uint24", "fee", 3)]
    public uint Fee { get; set; }
}

[Function("getPool", "address")]
internal sealed class GetPoolFunction : FunctionMessage
{
    [Parameter("address", "tokenA", 1)]
    public string TokenA { get; set; } = "";

    [Parameter("address", "tokenB", 2)]
    public string TokenB { get; set; } = "";

    [Parameter("uint24", "fee", 3)]
    public uint Fee { get; set; }
}

[Function("initialize")]
internal sealed class InitializePoolFunction : FunctionMessage
{
    [Parameter("uint160", "sqrtPriceX96", 1)]
    public BigInteger SqrtPriceX96 { get; set; }
}

[Function("increaseObservationCardinalityNext")]
internal sealed class IncreaseObservationCardinalityFunction : FunctionMessage
{
    [Parameter("uint16", "observationCardinalityNext", 1)]
    public ushort Next { get; set; }
}

[Function("token0", "address")]
internal sealed class Token0Function : FunctionMessage;

[Function("mint")]
internal sealed class TraderMintFunction : FunctionMessage
{
    [Parameter("address", "pool", 1)]
    public string Pool { get; set; } = "";

    [Parameter("int24", "tickLower", 2)]
    public int TickLower { get; set; }

    [Parameter("int24", "tickUpper", 3)]
    public int TickUpper { get; set; }

    [Parameter("uint128", "liquidity", 4)]
    public BigInteger Liquidity { get; set; }
}

[Function("swapExactIn")]
internal sealed class TraderSwapFunction : FunctionMessage
{
    [Parameter("address", "pool", 1)]
    public string Pool { get; set; } = "";

    [Parameter("bool", "zeroForOne", 2)]
    public bool ZeroForOne { get; set; }

    [Parameter("uint256", "amountIn", 3)]
    public BigInteger AmountIn { get; set; }
}

[Function("approve", "bool")]
internal sealed class ApproveFunction : FunctionMessage
{
    [Parameter("address", "spender", 1)]
    public string Spender { get; set; } = "";

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
