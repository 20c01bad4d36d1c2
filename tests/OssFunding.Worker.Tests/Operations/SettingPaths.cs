using System.Collections;
using System.Reflection;
using OssFunding.Core.Configuration;
using OssFunding.Notifications.Delivery;
using OssFunding.Reports.Publishing;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Logging;

namespace OssFunding.Worker.Tests.Operations;

/// <summary>
/// Whether a configuration path (<c>Section:Key</c>) names a value the worker binds: walked through the options
/// classes the sections are bound to, so a misspelt or invented variable in a deployment file is caught.
/// </summary>
internal static class SettingPaths
{
    // Longest prefix first: Notifications:Delivery is bound on its own.
    private static readonly (string Section, Type Type)[] Sections =
    [
        (DeliveryOptions.Section, typeof(DeliveryOptions)),
        (ChainOptions.Section, typeof(ChainOptions)),
        (SafeOptions.Section, typeof(SafeOptions)),
        (TokensOptions.Section, typeof(TokensOptions)),
        (BudgetOptions.Section, typeof(BudgetOptions)),
        (RecipientsOptions.Section, typeof(RecipientsOptions)),
        (DraftingOptions.Section, typeof(DraftingOptions)),
        (SigningOptions.Section, typeof(SigningOptions)),
        (ExecutionOptions.Section, typeof(ExecutionOptions)),
        (NotificationsOptions.Section, typeof(NotificationsOptions)),
        (StorageOptions.Section, typeof(StorageOptions)),
        (ApiOptions.Section, typeof(ApiOptions)),
        (LogFormatOptions.Section, typeof(LogFormatOptions)),
        (ReportsOptions.Section, typeof(ReportsOptions)),
    ];

    public static bool IsSetting(string path)
    {
        if (SecretFiles.Keys.Any(key => string.Equals(key + SecretFiles.Suffix, path, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var (section, type) in Sections)
        {
            if (path.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
            {
                return IsLeaf(type, path[(section.Length + 1)..].Split(':'));
            }
        }

        return false;
    }

    /// <summary>A value the worker treats as a credential (masked by <c>config check</c>, or one with a file form).</summary>
    public static bool IsSecret(string path) =>
        SecretFiles.Keys.Contains(path, StringComparer.OrdinalIgnoreCase)
        || (!path.StartsWith("Chain:RpcUrls", StringComparison.OrdinalIgnoreCase) && SecretMasker.MaskValue(path, "x") == SecretMasker.Mask);

    private static bool IsLeaf(Type type, ReadOnlySpan<string> segments)
    {
        if (segments.Length == 0)
        {
            return IsScalar(type);
        }

        string segment = segments[0];
        if (DictionaryValue(type) is { } value)
        {
            return segment.Length > 0 && IsLeaf(value, segments[1..]);
        }

        if (ListElement(type) is { } element)
        {
            return int.TryParse(segment, out int index) && index >= 0 && IsLeaf(element, segments[1..]);
        }

        PropertyInfo? property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } or { PropertyType.IsClass: true, CanRead: true } && IsLeaf(property.PropertyType, segments[1..]);
    }

    private static bool IsScalar(Type type)
    {
        Type plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain.IsPrimitive || plain.IsEnum || plain == typeof(string) || plain == typeof(decimal) || plain == typeof(TimeSpan)
            || plain == typeof(DateTimeOffset) || plain == typeof(Uri);
    }

    private static Type? DictionaryValue(Type type) =>
        SelfAndBases(type).FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))?.GetGenericArguments()[1];

    private static Type? ListElement(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;

    private static IEnumerable<Type> SelfAndBases(Type type)
    {
        for (Type? current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }
    }
}
