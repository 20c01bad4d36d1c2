// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The read interface of a Chainlink data feed (proxy), as the worker calls it. Written here from
/// Chainlink's published interface (function names, argument and return types); no Chainlink code is included.
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);
    function description() external view returns (string memory);
    function version() external view returns (uint256);
    function getRoundData(uint80 roundId)
        external view returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
    function latestRoundData()
        external view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// @title DevnetPriceFeed
/// @notice A price feed for the local devnet only: anyone publishes a round with the times they choose, so tests
/// can make a round fresh, stale or from the future relative to a block.
/// @dev Round ids start at (1 << 64) + 1, the shape of a real proxy's id (phase 1, aggregator round 1), so readers
/// handle the full uint80 width.
contract DevnetPriceFeed is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

    uint80 private constant FirstRound = (uint80(1) << 64) + 1;

    uint8 public immutable override decimals;
    string private _description;
    uint80 public latestRound;
    mapping(uint80 => Round) private _rounds;

    event RoundPublished(uint80 indexed roundId, int256 answer, uint256 startedAt, uint256 updatedAt);

    constructor(uint8 decimals_, string memory description_) {
        decimals = decimals_;
        _description = description_;
    }

    function description() external view override returns (string memory) {
        return _description;
    }

    function version() external pure override returns (uint256) {
        return 4;
    }

    /// @notice Publishes a new round; times are unix seconds and may lie in the past (a stale round).
    function publish(int256 answer, uint256 startedAt, uint256 updatedAt) public {
        uint80 roundId = latestRound == 0 ? FirstRound : latestRound + 1;
        _rounds[roundId] = Round(answer, startedAt, updatedAt);
        latestRound = roundId;
        emit RoundPublished(roundId, answer, startedAt, updatedAt);
    }

    function getRoundData(uint80 roundId)
        external view override returns (uint80, int256, uint256, uint256, uint80)
    {
        Round memory round = _rounds[roundId];
        require(round.updatedAt != 0, "DevnetPriceFeed: no such round");
        return (roundId, round.answer, round.startedAt, round.updatedAt, roundId);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        require(latestRound != 0, "DevnetPriceFeed: no round yet");
        Round memory round = _rounds[latestRound];
        return (latestRound, round.answer, round.startedAt, round.updatedAt, latestRound);
    }
}

/// @title DevnetSequencerUptimeFeed
/// @notice Stands in for Chainlink's L2 sequencer uptime feed: answer 0 = up, 1 = down; startedAt is when the
/// status last changed (what a grace period is measured from).
contract DevnetSequencerUptimeFeed is DevnetPriceFeed {
    constructor() DevnetPriceFeed(0, "L2 Sequencer Uptime Status Feed (devnet)") {
        publish(0, block.timestamp, block.timestamp);
    }

    /// @notice Switches the sequencer status as of this block's time.
    function setDown(bool down) external {
        publish(down ? int256(1) : int256(0), block.timestamp, block.timestamp);
    }
}
