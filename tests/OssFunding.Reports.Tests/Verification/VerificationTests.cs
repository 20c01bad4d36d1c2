using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using OssFunding.Chain.Rpc;
using OssFunding.Reports.Building;
using OssFunding.Reports.Model;
using OssFunding.Reports.Publishing;
using OssFunding.Reports.Rendering;
using OssFunding.Reports.Tests.Support;
using OssFunding.Reports.Verification;
using OssFunding.Safe.Contracts;
using OssFunding.TestSupport;

namespace OssFunding.Reports.Tests.Verification;

[Collection(ReportsCollection.Name)]
public sealed class VerificationTests(ReportsWorld world)
{
    private static readonly ReportPeriod January = ReportPeriod.Parse("2025-01");

    [Fact]
    public async Task Honest_ledger_verifies_and_reports_show_the_verdicts()
    {
        await using var host = await world.StartHostAsync();
        var result = await host.Get<VerificationRunner>().VerifyMonthAsync(January, CancellationToken.None);

        Assert.True(result.AllMatch, VerificationText.Format("2025-01", result));
        Assert.Equal(11, result.Verdicts.Count);
        Assert.All(result.Verdicts, v => Assert.True(v.Confirmations > ReportsHost.Confirmations));
        var text = VerificationText.Format("2025-01", result);
        Assert.Contains("Summary: all 11 payment(s) match the chain.", text, StringComparison.Ordinal);

        var report = await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None);
        Assert.All(report.Payments, p => Assert.Equal((VerificationStatus.Verified, result.HeadBlock), (p.Verification.Status, p.Verification.CheckedAtBlock!.Value)));
        Assert.Equal(new VerificationSummary(11, 11, 0, 0), report.Verification);
    }

    public static TheoryData<string, string, string> Tampering => new()
    {
        { "amount", "UPDATE payments SET amount = '121' WHERE allocation_id = '2025-01-ffmpeg'", "amount on chain is 120 LPT" },
        { "recipient", $"UPDATE payments SET recipient = '{TestAddresses.Recipient(50)}' WHERE allocation_id = '2025-01-ffmpeg'", "recipient on chain is 0x507C385430E027B599FD52E0D02f1Be3488D1A5A" },
        { "tx hash", $"UPDATE payments SET tx_hash = '0x{new string('7', 64)}' WHERE allocation_id = '2025-01-ffmpeg'", "is not on the chain" },
        { "log index", "UPDATE payments SET log_index = 1000 WHERE allocation_id = '2025-01-ffmpeg'", "has no log at index 1000" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Tampered_ledger_fails_naming_the_payment(string field, string update, string expected)
    {
        await using var host = await world.StartHostAsync();
        await host.ExecuteAsync(update);
        var result = await host.Get<VerificationRunner>().VerifyMonthAsync(January, CancellationToken.None);
        var text = VerificationText.Format("2025-01", result);

        var failed = result.Verdicts.Where(v => !v.Matches).Select(v => v.Target.AllocationId).ToList();
        Assert.True(failed.SequenceEqual(["2025-01-ffmpeg"]), $"tampered {field}: failed {string.Join(", ", failed)}");
        Assert.Contains(result.Verdicts.Single(v => v.Target.AllocationId == "2025-01-ffmpeg").Problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Contains("MISMATCH  2025-01-ffmpeg (FFmpeg)", text, StringComparison.Ordinal);
        Assert.Contains("do NOT match the chain: 2025-01-ffmpeg", text, StringComparison.Ordinal);
        var report = await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None);
        Assert.Equal(VerificationStatus.Mismatch, report.Payments.Single(p => p.AllocationId == "2025-01-ffmpeg").Verification.Status);
    }

    [Fact]
    public async Task Published_json_report_verifies_without_the_ledger_and_fails_when_edited()
    {
        await using var host = await world.StartHostAsync();
        var json = ReportRenderer.Render(await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None), ReportFormat.Json);
        var runner = host.Get<VerificationRunner>();

        var honest = await runner.VerifyReportAsync(ReportJson.ReadMonthly(json), CancellationToken.None);
        Assert.True(honest.AllMatch, VerificationText.Format("report", honest));
        Assert.Equal(11, honest.Verdicts.Count);

        var edited = json.Replace("\"amount\": \"60.5\"", "\"amount\": \"65\"", StringComparison.Ordinal);
        var failed = await runner.VerifyReportAsync(ReportJson.ReadMonthly(edited), CancellationToken.None);
        Assert.Equal("2025-01-streamdiffusion", Assert.Single(failed.Verdicts, v => !v.Matches).Target.AllocationId);

        var otherChain = json.Replace("\"chainId\": 42161", "\"chainId\": 1", StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<ReportInputException>(() => runner.VerifyReportAsync(ReportJson.ReadMonthly(otherChain), CancellationToken.None));
        Assert.Contains("chain 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_chain_is_a_failure_not_a_verdict()
    {
        await using var host = await world.StartHostAsync(new Dictionary<string, string?> { ["Chain:RpcUrls:0"] = "http://127.0.0.1:9" });
        await Assert.ThrowsAsync<RpcUnavailableException>(() => host.Get<VerificationRunner>().VerifyMonthAsync(January, CancellationToken.None));
        Assert.Equal(0, await host.ScalarAsync<long>("SELECT COUNT(*) FROM payment_verifications"));
    }

    [Fact]
    public async Task Payments_reconcile_with_the_Safe_outflow_on_chain_minus_unplanned_outflows()
    {
        await using var host = await world.StartHostAsync();
        var report = await host.Get<ReportService>().MonthlyAsync(January, CancellationToken.None);
        var outflow = await SafeOutflowOnChainAsync(January);

        foreach (var token in new[] { world.World.Lpt, world.World.Usdc })
        {
            var totals = report.Totals.Single(t => t.Token == token.Symbol);
            var onChain = outflow.GetValueOrDefault(token.Address);
            Assert.Equal(token.ToBaseUnits(totals.PaidOnChain), onChain - token.ToBaseUnits(totals.UnplannedOutflow));
            Assert.Equal(token.ToBaseUnits(report.Payments.Where(p => p.Token == token.Symbol).Sum(p => p.Amount)), token.ToBaseUnits(totals.PaidOnChain));
        }

        Assert.Equal(5m, report.Totals.Single(t => t.Token == "LPT").UnplannedOutflow);
    }

    /// <summary>Sum of every ERC-20 Transfer from the Safe in blocks of the month, read from the chain (not the mirror), per token.</summary>
    private async Task<Dictionary<string, BigInteger>> SafeOutflowOnChainAsync(ReportPeriod period)
    {
        var web3 = world.World.Chain.CreateWeb3();
        var logs = await web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            FromBlock = new BlockParameter(new HexBigInteger(1)),
            ToBlock = BlockParameter.CreateLatest(),
            Topics = [SafeEventDecoder.TransferTopic, "0x" + new string('0', 24) + world.World.SafeAddress[2..].ToLowerInvariant()],
        });
        var sums = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        foreach (var log in logs)
        {
            var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(log.BlockNumber);
            if (!period.Contains(DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value)))
            {
                continue;
            }

            var transfer = SafeEventDecoder.TryDecodeTransfer(log)!;
            sums[transfer.Token] = sums.GetValueOrDefault(transfer.Token) + transfer.Value;
        }

        return sums;
    }
}
