using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Safe.Contracts;

namespace OssFunding.Safe.IntegrationTests.Contracts;

/// <summary>Logs no Safe emits: the decoder must refuse or skip them, never misread them.</summary>
public sealed class SafeEventDecoderShapeTests
{
    private const string Word = "0x000000000000000000000000000000000000000000000000000000000000002a";

    [Fact]
    public void Execution_success_with_three_topics_is_refused_with_the_log_named()
    {
        var log = Log([SafeEventDecoder.ExecutionSuccessTopic, Word, Word], Word);

        var error = Assert.Throws<FormatException>(() => SafeEventDecoder.TryDecode(log));

        Assert.Contains("0xabc#7", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 topics", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_topicless_logs_are_not_safe_events()
    {
        Assert.Null(SafeEventDecoder.TryDecode(Log([Word], Word)));
        Assert.Null(SafeEventDecoder.TryDecode(Log([], "0x")));
    }

    [Fact]
    public void An_erc721_transfer_with_the_token_id_indexed_is_not_an_erc20_transfer()
    {
        var log = Log([SafeEventDecoder.TransferTopic, Word, Word, Word], "0x");

        Assert.Null(SafeEventDecoder.TryDecodeTransfer(log));
    }

    private static FilterLog Log(object[] topics, string data) => new()
    {
        Address = "0x0000000000000000000000000000000000000001",
        Topics = topics,
        Data = data,
        BlockNumber = new HexBigInteger(1),
        BlockHash = "0x01",
        TransactionHash = "0xabc",
        LogIndex = new HexBigInteger(7),
    };
}
