using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace OssFunding.TestSupport.Receivers;

/// <summary>A request as the receiver saw it: path, headers and the raw body bytes.</summary>
public sealed record ReceivedRequest(int Number, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port. <see cref="Answer"/> decides each response from the request
/// (1-based number): a status code, or <c>null</c> to never answer (the request hangs until the client gives up).
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();
    private int count;

    private LoopbackReceiver(WebApplication app) => this.app = app;

    public Func<ReceivedRequest, int?> Answer { get; set; } = _ => StatusCodes.Status200OK;

    public IReadOnlyList<ReceivedRequest> Requests => requests.ToArray();

    public string BaseUrl { get; private set; } = "";

    /// <summary>Set when a request arrives that will never be answered.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts on plain HTTP, or on HTTPS with <paramref name="certificate"/> (see <see cref="LoopbackCertificate"/>).</summary>
    public static async Task<LoopbackReceiver> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.Single().TrimEnd('/');
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(Interlocked.Increment(ref count), context.Request.Path + context.Request.QueryString, headers, body.ToArray());
        requests.Enqueue(request);
        if (Answer(request) is not { } status)
        {
            Hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status < 300 ? "ok" : "{\"error\":\"receiver says no\"}");
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }
}
