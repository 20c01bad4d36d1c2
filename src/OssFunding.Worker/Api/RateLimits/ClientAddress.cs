using System.Net;
using Microsoft.AspNetCore.Http;

namespace OssFunding.Worker.Api.RateLimits;

internal static class ClientAddress
{
    /// <summary>
    /// The rate-limit partition of a request: the peer address, which the forwarded-headers middleware has already
    /// replaced by the <c>X-Forwarded-For</c> client when (and only when) the peer is in <c>Api:TrustedProxies</c>.
    /// IPv4 seen through a dual-stack socket counts as the same IPv4 client.
    /// </summary>
    public static string Of(HttpContext http)
    {
        IPAddress? address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
