using OssFunding.Core.Secrets;
using Serilog.Core;
using Serilog.Events;

namespace OssFunding.Worker.Logging;

/// <summary>
/// Last line of defence for logs: any text property of any event (an endpoint, an error message a library composed)
/// that holds a URL is rewritten by the one URL rule before a sink sees it, so a credential in an RPC, Transaction
/// Service or webhook URL cannot reach a log whatever code logged it. Message templates are constants and carry none.
/// </summary>
internal sealed class UrlMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach ((string name, LogEventPropertyValue value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && text.Contains("://", StringComparison.Ordinal))
            {
                string masked = UrlMasking.MaskUrlsIn(text);
                if (masked != text)
                {
                    logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(masked)));
                }
            }
        }
    }
}
