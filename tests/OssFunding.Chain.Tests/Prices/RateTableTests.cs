using OssFunding.Chain.Prices;

namespace OssFunding.Chain.Tests.Prices;

public sealed class RateTableTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"rates-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_column_and_nothing_is_loaded()
    {
        File.WriteAllText(path, """
            pair,date,rate,source
            EUR/USD,2025-03-03,1.0486,https://www.ecb.europa.eu/stats/eurofxref
            EUR-USD,2025-03-04,1.06,https://example.org/r
            EUR/USD,2025-02-30,1.06,https://example.org/r
            EUR/USD,2025-03-05,1e3,https://example.org/r
            EUR/USD,2025-03-06,1.07,http://example.org/r
            USD/EUR,2025-03-03,0.95,https://example.org/r
            """);

        var (table, problems) = RateTable.Load(path);

        Assert.Null(table);
        Assert.Equal(
            [
                $"{path} line 3, column pair: must be BASE/QUOTE with two different symbols of letters and digits, e.g. EUR/USD (was \"EUR-USD\")",
                $"{path} line 4, column date: must be a date written YYYY-MM-DD (was \"2025-02-30\")",
                $"{path} line 5, column rate: must be a plain decimal number above zero such as 1.0832 (was \"1e3\")",
                $"{path} line 6, column source: must be the https link of the public page the rate was taken from (was \"http://example.org/r\")",
                $"{path} line 7, column date: a second EUR/USD rate for 2025-03-03 (first at line 2)",
            ],
            problems);
    }

    [Fact]
    public void A_block_takes_the_latest_rate_on_or_before_its_day_within_the_maximum_age()
    {
        File.WriteAllText(path, """
            pair,date,rate,source
            EUR/USD,2025-03-03,1.0486,https://www.ecb.europa.eu/stats/eurofxref
            EUR/USD,2025-03-07,1.0839,https://www.ecb.europa.eu/stats/eurofxref
            """);
        var table = RateTable.Load(path).Table!;
        var pair = new PricePair("EUR", "USD");

        var saturday = table.Lookup(pair, new DateTimeOffset(2025, 3, 8, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(5));
        var refused = Assert.Throws<PriceRefusedException>(() =>
            table.Lookup(pair, new DateTimeOffset(2025, 3, 13, 0, 0, 1, TimeSpan.Zero), TimeSpan.FromDays(5)));
        var before = Assert.Throws<PriceRefusedException>(() => table.Lookup(pair, new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(5)));

        Assert.Equal(("1.0839", "https://www.ecb.europa.eu/stats/eurofxref", PriceSourceKind.RateTable), (saturday.Rate.ToString(), saturday.SourceUrl, saturday.Kind));
        Assert.Contains("line 3: the latest EUR/USD rate is dated 2025-03-07, older than RateTableMaxAge 5.00:00:00", refused.Message, StringComparison.Ordinal);
        Assert.Contains("has no EUR/USD rate dated on or before 2025-03-02", before.Message, StringComparison.Ordinal);
    }
}
