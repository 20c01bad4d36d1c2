namespace OssFunding.Core.Configuration;

/// <summary><c>Recipients</c> section.</summary>
public sealed class RecipientsOptions
{
    public const string Section = "Recipients";

    /// <summary>Payments only to addresses registered for the allocation's project.</summary>
    public bool RequireRegistered { get; set; } = true;
}
