using System.Globalization;
using OssFunding.Core.Budget;

namespace OssFunding.Reports;

/// <summary>A calendar month in UTC ("2025-01"): a report's period, from its first instant to the next month's.</summary>
public sealed record ReportPeriod
{
    private ReportPeriod(int year, int month)
    {
        Start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>First instant of the month (UTC).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>First instant of the next month (UTC): the month ends before it.</summary>
    public DateTimeOffset End => Start.AddMonths(1);

    public string Text => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public ReportPeriod Next => Of(End);

    public ReportPeriod Previous => Of(Start.AddMonths(-1));

    /// <summary>Null when <paramref name="text"/> is not a month written YYYY-MM.</summary>
    public static ReportPeriod? TryParse(string? text) =>
        BudgetPlan.IsPeriod(text)
            ? new ReportPeriod(int.Parse(text![..4], CultureInfo.InvariantCulture), int.Parse(text[5..], CultureInfo.InvariantCulture))
            : null;

    public static ReportPeriod Parse(string text) =>
        TryParse(text) ?? throw new FormatException($"'{text}' is not a month written YYYY-MM.");

    /// <summary>The month holding <paramref name="instant"/> (in UTC).</summary>
    public static ReportPeriod Of(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new ReportPeriod(utc.Year, utc.Month);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Months from <paramref name="first"/> to <paramref name="last"/>, both included, in order.</summary>
    public static IEnumerable<ReportPeriod> Range(ReportPeriod first, ReportPeriod last)
    {
        for (var period = first; period.Start <= last.Start; period = period.Next)
        {
            yield return period;
        }
    }

    public override string ToString() => Text;
}
