using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using OssFunding.Pipeline.Notices;
using OssFunding.Pipeline.Tests.Support;
using OssFunding.Pipeline.Transactions;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Confirmation;

/// <summary>
/// The owners add an owner and lower the threshold through the Safe (SPEC §6): each change is alerted once, and a live draft
/// collecting signatures is re-evaluated against the new owner set and threshold.
/// </summary>
public sealed class OwnerChangeTests(DevnetWorlds devnet) : IClassFixture<DevnetWorlds>
{
    [Theory]
    [MemberData(nameof(SafeVersionMatrix.All), MemberType = typeof(SafeVersionMatrix))]
    public async Task An_owner_added_with_a_lower_threshold_is_alerted_once_and_a_live_draft_follows_the_new_owner_set(SafeVersion version)
    {
        // Two live drafts: the owner change uses the first one's nonce, the second one stays live to follow the change.
        await using var pipeline = await PipelineHarness.StartAsync(
            devnet, version, new Dictionary<string, string?> { ["Drafting:MaxLiveTransactions"] = "2" });
        var world = pipeline.World;
        await pipeline.ImportAsync(Samples.One("first", Samples.FFmpeg, "LPT", "100"));
        var atZero = await pipeline.DraftAsync();
        await pipeline.ImportAsync(Samples.One("second", Samples.OpenCv, "LPT", "50"));
        var live = await pipeline.DraftAsync();
        Assert.Equal((0, 1, 3), (atZero.Nonce, live.Nonce, live.Threshold));
        foreach (var owner in world.Owners.Take(2))
        {
            await pipeline.Signer.SignAndSubmitAsync(live.SafeTxHash, owner.PrivateKey, CancellationToken.None);
        }

        Assert.Equal(TransactionStatus.AwaitingSignatures, (await pipeline.ViewAsync(live.SafeTxHash)).Status);

        // The owner change itself uses nonce 0: the draft there is superseded (not cancelled: this is no rejection).
        var newOwner = TestAddresses.Recipient(88);
        var addOwner = new AddOwnerWithThresholdFunction { Owner = newOwner, Threshold = 2 }.GetCallData();
        await pipeline.ExecuteWithoutWorkerAsync(
            SafeTransaction.WithoutRefund(new SafeCall(world.SafeAddress, BigInteger.Zero, addOwner, SafeOperation.Call), 0));
        await pipeline.SyncAsync();
        await pipeline.MineAsync(PipelineHarness.Confirmations);
        var run = await pipeline.SyncAsync();
        Assert.Equal((2, 1, 0), (run.OwnerChanges, run.Superseded, run.Cancelled));

        var alerts = (await pipeline.Notices.ListAsync(true, null, 50, CancellationToken.None))
            .Where(n => n.Kind == NoticeKind.OwnersChanged).ToList();
        Assert.Equal(2, alerts.Count);
        var added = Assert.Single(alerts, n => n.Payload["event"]!.GetValue<string>() == "AddedOwner");
        Assert.Equal(newOwner, added.Payload["owner"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var threshold = Assert.Single(alerts, n => n.Payload["event"]!.GetValue<string>() == "ChangedThreshold");
        Assert.Equal(2, threshold.Payload["threshold"]!.GetValue<long>());
        Assert.Contains("now 2 of", threshold.Payload["summary"]!.GetValue<string>(), StringComparison.Ordinal);

        var followed = await pipeline.ViewAsync(live.SafeTxHash);
        Assert.Equal(2, followed.Threshold);
        Assert.Equal(TransactionStatus.ReadyToExecute, followed.Status);
        Assert.Contains(newOwner, followed.MissingOwners, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(world.Owners.Count - 2 + 1, followed.MissingOwners.Count);

        var again = await pipeline.SyncAsync();
        Assert.Equal(0, again.OwnerChanges);
        Assert.Equal(2, (await pipeline.Notices.ListAsync(true, null, 50, CancellationToken.None)).Count(n => n.Kind == NoticeKind.OwnersChanged));

        // Two signatures now execute it.
        await pipeline.ExecuteAsOutsiderAsync(live.SafeTxHash);
        await pipeline.MineAsync(PipelineHarness.Confirmations);
        Assert.Equal(1, (await pipeline.SyncAsync()).Confirmed);
        Assert.Equal(["first=Approved", "second=Paid"], await pipeline.AllocationStatusesAsync());
    }

    [Function("addOwnerWithThreshold")]
    private sealed class AddOwnerWithThresholdFunction : FunctionMessage
    {
        [Parameter("address", "owner", 1)]
        public string Owner { get; set; } = "";

        [Parameter("uint256", "_threshold", 2)]
        public BigInteger Threshold { get; set; }
    }
}
