using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace OssFunding.TestSupport.Receivers;

/// <summary>A real SMTP server (SmtpServer package) on 127.0.0.1 that keeps every message it receives, parsed by MimeKit.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<MimeMessage> messages = new();
    private readonly Task running;

    private SmtpSink((string User, string Password)? login)
    {
        Port = FreePort();
        // With a login the sink offers AUTH over plain text (loopback only) and accepts exactly that user and password.
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(login is not null)).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(messages));
        if (login is { } expected)
        {
            services.Add(new Login(expected, this));
        }

        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    public static SmtpSink Start((string User, string Password)? login = null) => new(login);

    /// <summary>Logins the sink accepted (the user names).</summary>
    public int Logins => logins;

    private int logins;

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => messages.ToArray();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        stop.Dispose();
    }

    private sealed class Login((string User, string Password) expected, SmtpSink sink) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
        {
            var accepted = user == expected.User && password == expected.Password;
            if (accepted)
            {
                Interlocked.Increment(ref sink.logins);
            }

            return Task.FromResult(accepted);
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
