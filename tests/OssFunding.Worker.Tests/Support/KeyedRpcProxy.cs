using System.Net;
using System.Text;

namespace OssFunding.Worker.Tests.Support;

/// <summary>
/// An RPC provider that, like Alchemy or Infura, answers only under a secret path (<c>/v2/KEY</c>): it forwards
/// JSON-RPC posts on that path to anvil and refuses every other path with 404. Loopback only.
/// </summary>
internal sealed class KeyedRpcProxy : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient upstream = new();
    private readonly Uri target;
    private readonly string path;
    private readonly Task loop;
    private int calls;

    private KeyedRpcProxy(int port, Uri target, string path)
    {
        Port = port;
        this.target = target;
        this.path = path;
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Calls that came in on the secret path.</summary>
    public int Calls => Volatile.Read(ref calls);

    public static Task<KeyedRpcProxy> StartAsync(Uri target, string path) =>
        Task.FromResult(new KeyedRpcProxy(RunningWorker.FreeLoopbackPort(), target, path));

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop.
        }

        upstream.Dispose();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using HttpListenerResponse response = context.Response;
        if (context.Request.Url?.AbsolutePath != path || context.Request.HttpMethod != "POST")
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        Interlocked.Increment(ref calls);
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        string body = await reader.ReadToEndAsync();
        using HttpResponseMessage answer = await upstream.PostAsync(target, new StringContent(body, Encoding.UTF8, "application/json"));
        byte[] bytes = await answer.Content.ReadAsByteArrayAsync();
        response.StatusCode = (int)answer.StatusCode;
        response.ContentType = "application/json";
        await response.OutputStream.WriteAsync(bytes);
    }
}
