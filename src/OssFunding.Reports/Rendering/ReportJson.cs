using System.Text.Json;
using System.Text.Json.Serialization;
using OssFunding.Core.Ledger;
using OssFunding.Reports.Model;

namespace OssFunding.Reports.Rendering;

/// <summary>
/// JSON of reports (System.Text.Json): camelCase, indented, amounts as exact decimal strings ("12.5"), never numbers.
/// Property order is the declaration order of the model, so the bytes are stable. Also reads a published monthly
/// report back, for <c>verify --report</c>.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        Converters = { new ExactDecimalConverter() },
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string Write<T>(T report) => JsonSerializer.Serialize(report, Options) + "\n";

    /// <exception cref="JsonException">The text is not a monthly report of this schema.</exception>
    public static MonthlyReport ReadMonthly(string json)
    {
        var report = JsonSerializer.Deserialize<MonthlyReport>(json, Options) ?? throw new JsonException("The file holds null, not a report.");
        if (report.Kind != MonthlyReport.MonthlyKind || report.SchemaVersion != MonthlyReport.CurrentSchemaVersion)
        {
            throw new JsonException(
                $"Expected a monthly report of schema version {MonthlyReport.CurrentSchemaVersion}, found kind '{report.Kind}' version {report.SchemaVersion}.");
        }

        return report;
    }

    /// <summary>Decimals as canonical strings; reads only plain decimal strings, so a float never sneaks in.</summary>
    private sealed class ExactDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Amounts are decimal strings (\"12.5\"), found {reader.TokenType}.");
            }

            var text = reader.GetString()!;
            var negative = text.StartsWith('-');
            var value = ExactDecimal.Parse(negative ? text[1..] : text, out var problem)
                ?? throw new JsonException($"Amount \"{text}\" {problem}.");
            return negative ? -value : value;
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value < 0 ? "-" + ExactDecimal.ToCanonical(-value) : ExactDecimal.ToCanonical(value));
    }
}
