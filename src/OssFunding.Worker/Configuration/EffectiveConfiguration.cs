using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace OssFunding.Worker.Configuration;

/// <summary>
/// The merged configuration (files, environment, arguments) of the worker's own sections as JSON, secrets masked.
/// Values are shown as configured (strings); defaults of keys that no source sets are not listed.
/// </summary>
internal static class EffectiveConfiguration
{
    public static readonly string[] Sections =
    [
        "Chain", "Safe", "Tokens", "Budget", "Recipients", "Drafting", "Signing", "Execution", "Notifications", "Storage", "Api",
        "Logging", "Serilog",
    ];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToMaskedJson(IConfiguration configuration)
    {
        var root = new JsonObject();
        foreach (string section in Sections)
        {
            IConfigurationSection child = configuration.GetSection(section);
            if (child.Exists())
            {
                root[section] = ToNode(child);
            }
        }

        return root.ToJsonString(Indented);
    }

    private static JsonNode? ToNode(IConfigurationSection section)
    {
        List<IConfigurationSection> children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return JsonValue.Create(SecretMasker.MaskValue(section.Path, section.Value));
        }

        if (IsArray(children))
        {
            var array = new JsonArray();
            foreach (IConfigurationSection child in children.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)))
            {
                array.Add(ToNode(child));
            }

            return array;
        }

        var node = new JsonObject();
        foreach (IConfigurationSection child in children)
        {
            node[child.Key] = ToNode(child);
        }

        return node;
    }

    private static bool IsArray(List<IConfigurationSection> children) =>
        children.Select(c => int.TryParse(c.Key, out int index) ? index : -1).Order().SequenceEqual(Enumerable.Range(0, children.Count));
}
