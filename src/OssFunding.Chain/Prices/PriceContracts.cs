using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Chain.Prices;

// The calls the price sources make: Chainlink's AggregatorV3Interface and Uniswap v3's pool (their published ABIs),
// and an ERC-20's decimals().

[Function("decimals", "uint8")]
internal sealed class FeedDecimalsFunction : FunctionMessage;

[Function("latestRoundData", typeof(RoundDataOutput))]
internal sealed class LatestRoundDataFunction : FunctionMessage;

[FunctionOutput]
internal sealed class RoundDataOutput : IFunctionOutputDTO
{
    [Parameter("uint80", "roundId", 1)]
    public BigInteger RoundId { get; set; }

    [Parameter("int256", "answer", 2)]
    public BigInteger Answer { get; set; }

    [Parameter("uint256", "startedAt", 3)]
    public BigInteger StartedAt { get; set; }

    [Parameter("uint256", "updatedAt", 4)]
    public BigInteger UpdatedAt { get; set; }

    [Parameter("uint80", "answeredInRound", 5)]
    public BigInteger AnsweredInRound { get; set; }
}

[Function("observe", typeof(ObserveOutput))]
internal sealed class ObserveFunction : FunctionMessage
{
    [Parameter("uint32[]", "secondsAgos", 1)]
    public List<uint> SecondsAgos { get; set; } = [];
}

[FunctionOutput]
internal sealed class ObserveOutput : IFunctionOutputDTO
{
    [Parameter("int56[]", "tickCumulatives", 1)]
    public List<BigInteger> TickCumulatives { get; set; } = [];

    [Parameter("uint160[]", "secondsPerLiquidityCumulativeX128s", 2)]
    public List<BigInteger> SecondsPerLiquidityCumulativeX128s { get; set; } = [];
}

[Function("token0", "address")]
internal sealed class PoolToken0Function : FunctionMessage;

[Function("token1", "address")]
internal sealed class PoolToken1Function : FunctionMessage;
