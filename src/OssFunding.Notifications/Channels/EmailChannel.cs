using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Delivery;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OssFunding.Notifications.Channels;

/// <summary>
/// Email over SMTP (MailKit) to each signer's <c>Email</c>: plain text with an HTML alternative. The Message-ID is
/// derived from the delivery id, so a retried delivery is recognisably the same message.
/// </summary>
internal sealed class EmailChannel : INoticeChannel
{
    private readonly EmailChannelOptions email;
    private readonly SignerDirectory signers;
    private readonly DeliveryOptions delivery;
    private readonly ResiliencePipeline pipeline;

    public EmailChannel(IOptions<NotificationsOptions> options, SignerDirectory signers, IOptions<DeliveryOptions> delivery)
    {
        email = options.Value.Email;
        this.signers = signers;
        this.delivery = delivery.Value;
        var builder = new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }.AddTimeout(this.delivery.AttemptTimeout);
        if (this.delivery.RetriesWithinAttempt > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = this.delivery.RetriesWithinAttempt,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = this.delivery.RetryDelayWithinAttempt,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            });
        }

        pipeline = builder.Build();
    }

    public NotificationChannel Channel => NotificationChannel.Email;

    public bool HasSharedDestination => false;

    public bool CanReach(SignerOptions signer) => email.Host.Length > 0 && signer.Email.Length > 0;

    public async Task SendAsync(OutgoingNotice notice, CancellationToken cancellationToken)
    {
        var signer = notice.Signer ?? throw new DeliveryFailedException("email goes to a signer, none given", permanent: true);
        var message = Compose(notice, signer);
        try
        {
            await pipeline.ExecuteAsync(async token => await SendOnceAsync(message, token), cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new DeliveryFailedException($"SMTP server did not finish within {timeout.Timeout}", inner: timeout);
        }
        catch (Exception failed) when (failed is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                                           or AuthenticationException or SslHandshakeException or IOException or SocketException)
        {
            throw new DeliveryFailedException($"SMTP: {failed.Message}", permanent: !IsTransient(failed), inner: failed);
        }
    }

    private MimeMessage Compose(OutgoingNotice notice, SignerOptions signer)
    {
        var rendered = EmailMessage.Render(notice.Document, signers, signer.Name);
        var message = new MimeMessage
        {
            Subject = rendered.Subject,
            MessageId = $"{notice.DeliveryId}@ossfunding.notices",
            Body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(email.From));
        message.To.Add(new MailboxAddress(signer.Name, signer.Email));
        message.Headers.Add("X-OssFunding-Event", notice.Document.Kind.ToString());
        message.Headers.Add("X-OssFunding-Delivery", notice.DeliveryId);
        return message;
    }

    private async Task SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)delivery.RequestTimeout.TotalMilliseconds };
        await client.ConnectAsync(email.Host, email.Port, Security(), cancellationToken);
        if (email.User.Length > 0)
        {
            await client.AuthenticateAsync(email.User, email.Password, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    // UseTls: implicit TLS on 465, STARTTLS (required, never silently plain) elsewhere.
    private SecureSocketOptions Security() => !email.UseTls ? SecureSocketOptions.None
        : email.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;

    // SMTP 4xx replies and lost connections may pass; 5xx replies, refused logins and TLS failures will not.
    private static bool IsTransient(Exception failed) => failed switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException or SslHandshakeException => false,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException => true,
        _ => false,
    };
}
