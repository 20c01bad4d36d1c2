namespace OssFunding.Core.Configuration;

/// <summary><c>Drafting</c> section.</summary>
public sealed class DraftingOptions
{
    public const string Section = "Drafting";

    public int MaxPaymentsPerTransaction { get; set; } = 50;

    public int MaxLiveTransactions { get; set; } = 1;

    /// <summary>Quartz cron expression; hourly by default.</summary>
    public string Schedule { get; set; } = "0 0 * * * ?";
}
