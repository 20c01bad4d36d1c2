using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace OssFunding.Worker.Api;

/// <summary>
/// Every <c>/api</c> body is read as UTF-8 (JSON is UTF-8 by RFC 8259; the importers decode UTF-8): a Content-Type that
/// declares another charset is refused with 415 before the body is read, rather than decoded as something it says it
/// is not. On the group, so a new endpoint cannot forget it; after the access filter, so a caller without a token
/// learns nothing about the body rules.
/// </summary>
internal sealed class Utf8BodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpRequest request = context.HttpContext.Request;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
            && type.Charset.HasValue && !IsUtf8(type.Charset.Value!))
        {
            return ValueTask.FromResult<object?>(Problems.UnsupportedMediaType(
                $"The body must be UTF-8; Content-Type declares charset={type.Charset.Value} (was \"{request.ContentType}\")."));
        }

        return next(context);
    }

    private static bool IsUtf8(string charset) =>
        charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
