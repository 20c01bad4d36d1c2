using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Chain.Prices;

// The few functions read from price sources: Chainlink's AggregatorV3Interface and a Uniswap v3 pool.

[Function("latestRoundData", typeof(LatestRoundDataOutput))]
internal sealed class LatestRoundDataFunction : FunctionMessage;

[FunctionOutput]
internal sealed class LatestRoundDataOutput : IFunctionOutputDTO
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

[Function("decimals", "uint8")]
internal sealed class FeedDecimalsFunction : FunctionMessage;

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
internal sealed class Token0Function : FunctionMessage;

[Function("token1", "address")]
internal sealed class Token1Function : FunctionMessage;
