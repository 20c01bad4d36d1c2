using System.Net;
using System.Text.Json;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Api;

/// <summary>
/// GET /api/status and /metrics carry the watcher's catch-up (issue 12 item 3): a worker whose first poll starts more
/// than Chain:MaxBlockRange blocks behind the head reports it, measured, and says when it is over.
/// </summary>
public sealed class CatchUpStatusTests
{
    [Fact]
    public async Task A_first_sync_in_small_ranges_shows_its_catch_up_in_status_and_metrics()
    {
        var world = await SharedDevnet.WorldAsync();
        await world.Chain.Rpc.MineAsync(200);
        await using ConfiguredWorker worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string>
        {
            ["Chain__MaxBlockRange"] = "10",
            ["Chain__CatchUpMaxBlockRange"] = "10",
            ["Chain__StartBlock"] = "1",
        });

        JsonElement catchUp = default;
        for (var attempt = 0; attempt < 300 && catchUp.ValueKind != JsonValueKind.Object; attempt++)
        {
            await Task.Delay(100);
            catchUp = (await Json.ReadAsync(await worker.Client.GetAsync("api/status"), HttpStatusCode.OK)).GetProperty("catchUp");
        }

        Assert.Equal(JsonValueKind.Object, catchUp.ValueKind);
        Assert.Equal(0, catchUp.GetProperty("fromBlock").GetInt64());
        long target = catchUp.GetProperty("targetBlock").GetInt64();
        Assert.True(target >= 200, $"target {target}");
        long checkpoint = catchUp.GetProperty("checkpoint").GetInt64();
        Assert.Equal(target - checkpoint, catchUp.GetProperty("remainingBlocks").GetInt64());
        double percent = catchUp.GetProperty("percent").GetDouble();
        Assert.Equal(100.0 * checkpoint / target, percent, 6);
        if (catchUp.GetProperty("active").GetBoolean())
        {
            Assert.True(catchUp.GetProperty("blocksPerSecond").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
        }
        else
        {
            Assert.Equal(target, checkpoint);
            Assert.Equal(0, catchUp.GetProperty("etaSeconds").GetDouble());
            Assert.True(catchUp.GetProperty("blocksPerSecond").GetDouble() > 0);
        }

        string metrics = await worker.Client.GetStringAsync("metrics");
        Assert.Contains("ossfunding_watcher_catchup_blocks_per_second ", metrics, StringComparison.Ordinal);
        Assert.Contains("ossfunding_watcher_catchup_eta_seconds ", metrics, StringComparison.Ordinal);
        Assert.Contains("ossfunding_watcher_catchup_remaining_blocks ", metrics, StringComparison.Ordinal);
    }
}
