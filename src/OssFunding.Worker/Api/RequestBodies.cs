using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OssFunding.Core.Allocations;

namespace OssFunding.Worker.Api;

internal static class RequestBodies
{
    /// <summary>The import format of the request's Content-Type (parameters such as charset ignored), or null.</summary>
    public static ImportFormat? ImportFormatOf(HttpRequest request, bool jsonAllowed)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? contentType))
        {
            return null;
        }

        if (contentType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return ImportFormat.Csv;
        }

        return jsonAllowed && contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json : null;
    }

    /// <summary>
    /// Reads the whole body into memory, so an importer never sees a half-read request. A declared length over the
    /// limit is refused before reading; a chunked body is cut off by Kestrel's MaxRequestBodySize at the same limit.
    /// Both surface as <see cref="BadHttpRequestException"/> with status 413, turned into a problem by
    /// <see cref="BadRequestExceptionHandler"/>.
    /// </summary>
    public static async Task<MemoryStream> ReadBoundedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return buffer;
    }
}
