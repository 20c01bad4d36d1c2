using System.Globalization;
using OssFunding.Worker.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace OssFunding.Worker.Tests.Logging;

/// <summary>Issue 15 item 3: whatever code logs a URL, the log line carries it masked by the one URL rule.</summary>
public sealed class UrlMaskingEnricherTests
{
    [Fact]
    public void A_url_in_any_text_property_reaches_the_sink_masked_and_other_properties_untouched()
    {
        var sink = new CollectingSink();
        using (Logger logger = new LoggerConfiguration().Enrich.With<UrlMaskingEnricher>().WriteTo.Sink(sink).CreateLogger())
        {
            logger.Warning("RPC failed on {Endpoint}: {Error} ({Attempts} attempts, safe {Safe})",
                "https://rpcuser:PASSWORD-55aa@arb-mainnet.example/v2/SECRETKEY123456789012345",
                "POST http://127.0.0.1:8545/?apikey=QUERYKEY-66bb refused", 3, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        }

        string line = Assert.Single(sink.Lines);
        Assert.Equal(
            "RPC failed on \"https://***@arb-mainnet.example/v2/***\": \"POST http://127.0.0.1:8545/?apikey=*** refused\" "
            + "(3 attempts, safe \"0x5FbDB2315678afecb367f032d93F642f64180aa3\")", line);
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(LogEvent logEvent) => Lines.Add(logEvent.RenderMessage(CultureInfo.InvariantCulture));
    }
}
