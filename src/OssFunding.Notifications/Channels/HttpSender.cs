using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using OssFunding.Notifications.Delivery;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OssFunding.Notifications.Channels;

/// <summary>
/// POSTs a JSON body for the HTTP channels: a Polly pipeline gives one attempt an overall timeout, a timeout per
/// request and a few quick retries with jitter (network errors, 408, 429, 5xx). What still fails becomes a
/// <see cref="DeliveryFailedException"/>: 4xx other than 408/429 are permanent (the receiver refuses this request).
/// </summary>
internal sealed class HttpSender : IDisposable
{
    private const int MaxErrorBodyChars = 200;

    private readonly HttpClient client;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public HttpSender(IOptions<DeliveryOptions> options)
    {
        var delivery = options.Value;
        client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = delivery.RequestTimeout,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        // Waits inside one attempt are real and short; the schedule across attempts uses the injected clock.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System }
            .AddTimeout(delivery.AttemptTimeout);
        if (delivery.RetriesWithinAttempt > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = delivery.RetriesWithinAttempt,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delivery.RetryDelayWithinAttempt,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                OnRetry = arguments =>
                {
                    arguments.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        pipeline = builder.AddTimeout(delivery.RequestTimeout).Build();
    }

    public async Task PostJsonAsync(Uri url, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new DeliveryFailedException($"no answer within {timeout.Timeout}", inner: timeout);
        }
        catch (HttpRequestException failed)
        {
            throw new DeliveryFailedException($"request failed: {failed.Message}", inner: failed);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var text = await ReadErrorAsync(response, cancellationToken);
            var message = $"HTTP {(int)response.StatusCode} {response.StatusCode}: {text}";
            throw new DeliveryFailedException(message, permanent: !IsTransient(response.StatusCode), RetryAfter(response));
        }
    }

    public void Dispose() => client.Dispose();

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars] + "…";
        }
        catch (HttpRequestException)
        {
            return "(body unreadable)";
        }
    }
}
