using System.Net.Sockets;
using System.Text;

namespace OssFunding.Worker.Tests.Support;

/// <summary>
/// An HTTP/1.1 request over a bare socket that keeps reading the response while the body is still being sent.
/// HttpClient reports a refused upload (413, then the server closes) as a broken pipe; a proxy or curl sees the
/// 413, and so does this.
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Body)> PostChunkedAsync(Uri baseAddress, string path, string contentType, string bearer, long totalBytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        NetworkStream stream = client.GetStream();
        string head = $"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nAuthorization: Bearer {bearer}\r\n"
            + $"Content-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        Task sending = SendChunksAsync(stream, totalBytes);
        string response = await ReadUntilClosedAsync(stream);
        await sending;

        int status = int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    private static async Task SendChunksAsync(NetworkStream stream, long totalBytes)
    {
        byte[] chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'\n');
        byte[] header = Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n");
        byte[] end = "\r\n"u8.ToArray();
        try
        {
            for (long sent = 0; sent < totalBytes; sent += chunk.Length)
            {
                await stream.WriteAsync(header);
                await stream.WriteAsync(chunk);
                await stream.WriteAsync(end);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server stopped reading once the limit was passed: expected.
        }
    }

    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        byte[] buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the response: what was received is the answer.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
