using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Configuration;

namespace OssFunding.Worker.Tests.Configuration;

public sealed class PricesValidatorTests
{
    [Fact]
    public void Every_price_problem_names_its_setting()
    {
        var options = new PricesOptions
        {
            Pairs =
            {
                ["ETH/USD"] = new PriceSourceOptions { Address = "0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612", MaxAge = TimeSpan.FromHours(1) },
                ["EUR_USD"] = new PriceSourceOptions { Address = "0xa14d53bc1f1c0f31b4aa3bd109344e5009051a84", MaxAge = TimeSpan.Zero },
                ["LPT_ETH"] = new PriceSourceOptions { Pool = "0x4fD47e5102DFBF95541F64ED6FE13d4eD26D2546", Window = TimeSpan.FromMilliseconds(1500) },
                ["USDC_USD"] = new PriceSourceOptions(),
            },
            SequencerUptimeFeed = "0xFdB6",
            MaxDriftPercent = 0,
            RateTable = "/nonexistent/rates.csv",
        };

        var result = new PricesOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Prices:Pairs:ETH/USD: the key must be BASE_QUOTE with two different symbols of letters and digits, e.g. ETH_USD (was \"ETH/USD\")",
                "Prices:Pairs:EUR_USD:Address: must be an EIP-55 checksummed address (all-lowercase addresses are refused) (was \"0xa14d53bc1f1c0f31b4aa3bd109344e5009051a84\")",
                "Prices:Pairs:EUR_USD:MaxAge: must be a positive duration (was 00:00:00)",
                "Prices:Pairs:LPT_ETH:Window: must be a whole number of seconds between 00:00:01 and 7.00:00:00 (was 00:00:01.5000000)",
                "Prices:Pairs:USDC_USD: needs a source: Address + MaxAge (a Chainlink feed) or Pool + Window (a Uniswap v3 pool)",
                "Prices:SequencerUptimeFeed: must be 0x followed by 40 hex digits (was \"0xFdB6\")",
                "Prices:MaxDriftPercent: must be above 0 and at most 100 (was 0)",
                "Prices:RateTable: the rate table file '/nonexistent/rates.csv' does not exist",
            ],
            result.Failures);
    }

    [Fact]
    public void The_shipped_Arbitrum_One_defaults_are_valid()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var options = new PricesOptions();
        configuration.GetSection(PricesOptions.Section).Bind(options);

        var result = new PricesOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures ?? []));
        Assert.Equal(["ETH_USD", "EUR_USD", "LPT_ETH", "USDC_USD"], options.Pairs.Keys.Order(StringComparer.Ordinal));
    }
}
