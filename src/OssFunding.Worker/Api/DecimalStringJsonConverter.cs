using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OssFunding.Worker.Api;

/// <summary>
/// Amounts are exact decimals in token units, written as strings ("12.5") so no client parses them into a float.
/// Trailing zeros are dropped so the same amount always reads the same.
/// </summary>
internal sealed class DecimalStringJsonConverter : JsonConverter<decimal>
{
    private const string Format = "0.############################";

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String
            && decimal.TryParse(reader.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
        {
            return value;
        }

        throw new JsonException("amounts are decimal strings such as \"12.5\"");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
}
