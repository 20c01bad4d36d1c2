using OssFunding.Core.Configuration;
using OssFunding.Notifications.Channels;
using OssFunding.Notifications.Rendering;
using OssFunding.Notifications.Signers;

namespace OssFunding.Notifications.Delivery;

/// <summary>
/// Routing rules. Every configured shared destination (webhook, Slack, Discord, Telegram group) gets every notice; for
/// "your signature is needed" (pending, reminder) it names and mentions only the owners who have not signed.
/// Direct channels (each signer's email and Telegram chat) get signature requests only if that signer has not signed,
/// and everything else (alerts included) always.
/// </summary>
internal sealed class NoticeRouter(IEnumerable<INoticeChannel> channels, SignerDirectory signers)
{
    private readonly INoticeChannel[] channels = channels.ToArray();

    public IReadOnlyList<Route> RoutesFor(NoticeDocument document)
    {
        var routes = new List<Route>();
        var audience = Audience(document);
        foreach (var channel in channels)
        {
            if (channel.HasSharedDestination)
            {
                routes.Add(new Route(channel.Channel, ""));
            }

            routes.AddRange(audience.Where(channel.CanReach).Select(signer => new Route(channel.Channel, signer.Address)));
        }

        return routes;
    }

    private IEnumerable<SignerOptions> Audience(NoticeDocument document)
    {
        if (!document.SignatureNeeded)
        {
            return signers.All;
        }

        var missing = new HashSet<string>(document.MissingOwners, StringComparer.OrdinalIgnoreCase);
        return signers.All.Where(signer => missing.Contains(signer.Address));
    }
}
