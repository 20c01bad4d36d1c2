using System.Text.Json;
using System.Text.Json.Nodes;

namespace OssFunding.Worker.Cli;

/// <summary>
/// Where <c>tx typed-data</c> and <c>delegate register</c> put the typed data an owner signs: indented JSON on stdout
/// (only the JSON, so it can be piped), or into <c>--out FILE</c> for <c>cast wallet sign --data --from-file</c>.
/// </summary>
internal static class TypedDataOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="typedData"/>; returns the file's full path, or null when it went to stdout.</summary>
    public static async Task<string?> WriteAsync(JsonNode typedData, FileInfo? output, CancellationToken cancellationToken)
    {
        var json = typedData.ToJsonString(Indented);
        if (output is null)
        {
            Console.WriteLine(json);
            return null;
        }

        await File.WriteAllTextAsync(output.FullName, json + "\n", cancellationToken);
        return output.FullName;
    }
}
