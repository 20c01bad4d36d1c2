using Microsoft.Extensions.Configuration;
using OssFunding.Core.Configuration;

namespace OssFunding.Worker.Tests.Configuration;

/// <summary>
/// <c>Chain:Finality</c> unset: the <c>finalized</c> tag on Arbitrum One (42161), confirmations elsewhere; a configured
/// value always wins, whichever order the keys bind in. The shipped appsettings.json (Arbitrum One) says Finalized.
/// </summary>
public sealed class FinalityDefaultTests
{
    [Theory]
    [InlineData("42161", null, FinalityMode.Finalized)]
    [InlineData("31337", null, FinalityMode.Confirmations)]
    [InlineData("1", null, FinalityMode.Confirmations)]
    [InlineData(null, null, FinalityMode.Finalized)] // ChainId defaults to 42161
    [InlineData("42161", "Confirmations", FinalityMode.Confirmations)]
    [InlineData("42161", "Safe", FinalityMode.Safe)]
    [InlineData("31337", "Finalized", FinalityMode.Finalized)]
    [InlineData("31337", "safe", FinalityMode.Safe)]
    public void Unset_finality_follows_the_chain_and_an_explicit_value_wins(string? chainId, string? finality, FinalityMode expected)
    {
        var settings = new Dictionary<string, string?>();
        if (chainId is not null)
        {
            settings["Chain:ChainId"] = chainId;
        }

        if (finality is not null)
        {
            settings["Chain:Finality"] = finality;
        }

        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(ChainOptions.Section).Get<ChainOptions>() ?? new ChainOptions();

        Assert.Equal(expected, options.Finality);
    }

    [Fact]
    public void Setting_the_chain_after_finality_does_not_undo_an_explicit_value()
    {
        var options = new ChainOptions { Finality = FinalityMode.Confirmations, ChainId = 42161 };
        Assert.Equal(FinalityMode.Confirmations, options.Finality);
        options = new ChainOptions { ChainId = 31337 };
        Assert.Equal(FinalityMode.Confirmations, options.Finality);
        options.ChainId = 42161;
        Assert.Equal(FinalityMode.Finalized, options.Finality);
    }

    [Fact]
    public void The_shipped_appsettings_for_Arbitrum_One_uses_the_finalized_tag()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var chain = shipped.GetSection(ChainOptions.Section);

        Assert.Equal("42161", chain["ChainId"]);
        Assert.Equal("Finalized", chain["Finality"]);
        Assert.Equal(FinalityMode.Finalized, chain.Get<ChainOptions>()!.Finality);
    }
}
