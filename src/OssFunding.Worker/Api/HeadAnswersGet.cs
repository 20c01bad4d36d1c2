using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OssFunding.Worker.Api;

/// <summary>
/// Every GET endpoint of a group answers HEAD too (RFC 9110 §9.3.2: same status and headers, no body; Kestrel drops the
/// body of a HEAD response). A convention on the group, so a new GET endpoint cannot forget it.
/// </summary>
internal static class HeadAnswersGet
{
    public static RouteGroupBuilder AnswerHeadOnEveryGet(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head]));
            }
        });
        return group;
    }
}
