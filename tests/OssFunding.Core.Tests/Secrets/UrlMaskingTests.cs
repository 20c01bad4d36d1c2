using OssFunding.Core.Secrets;

namespace OssFunding.Core.Tests.Secrets;

/// <summary>Issue 15 item 3: the one rule for showing a URL. Secrets go, the endpoint stays recognisable.</summary>
public sealed class UrlMaskingTests
{
    [Theory]
    // userinfo, with and without a path
    [InlineData("http://user:PASSWORD@host/", "http://***@host/")]
    [InlineData("https://rpcuser:s3cr3t@rpc.example:8545/rpc", "https://***@rpc.example:8545/rpc")]
    // a key as a path segment (Alchemy, Infura, Slack, Telegram, Discord)
    [InlineData("https://arb-mainnet.example/v2/SECRETKEY123456789012345", "https://arb-mainnet.example/v2/***")]
    [InlineData("https://mainnet.infura.example/v3/0123456789abcdef0123456789abcdef", "https://mainnet.infura.example/v3/***")]
    [InlineData("https://hooks.slack.example/services/T0001/B0002/aBcDeFgHiJkLmNoPqRsTuVwX", "https://hooks.slack.example/services/T0001/B0002/***")]
    [InlineData("https://api.telegram.example/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage", "https://api.telegram.example/***/sendMessage")]
    [InlineData("https://discord.example/api/webhooks/123456789012345678/Xy12-abCDefGHijKLmnOPqrSTuvWXyz0123456789", "https://discord.example/api/webhooks/123456789012345678/***")]
    // a key in the query: by its name, or by its look
    [InlineData("https://rpc.example/?apikey=abc", "https://rpc.example/?apikey=***")]
    [InlineData("https://rpc.example/rpc?chain=42161&dkey=Zx9Yw8Vu7Ts6Rq5Po4", "https://rpc.example/rpc?chain=42161&dkey=***")]
    [InlineData("https://rpc.example/rpc?access_token=t&x=1", "https://rpc.example/rpc?access_token=***&x=1")]
    // both at once
    [InlineData("https://u:p@arb-mainnet.example/v2/SECRETKEY123456789012345?key=k", "https://***@arb-mainnet.example/v2/***?key=***")]
    public void Credentials_in_a_url_are_masked_and_scheme_and_host_kept(string url, string shown)
    {
        Assert.Equal(shown, UrlMasking.MaskUrl(url));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8545")]
    [InlineData("https://arb1.arbitrum.io/rpc")]
    [InlineData("https://api.safe.global/tx-service/arb1")]
    [InlineData("https://safe-transaction-arbitrum.safe.global/api/v1/multisig-transactions/")]
    [InlineData("https://arbiscan.io/tx/12345?chain=42161")]
    [InlineData("arbiscan")]
    [InlineData("")]
    public void A_url_with_nothing_to_hide_is_shown_unchanged(string url)
    {
        Assert.Equal(url, UrlMasking.MaskUrl(url));
    }

    [Fact]
    public void Text_that_is_not_a_url_but_holds_a_credential_is_masked_whole()
    {
        Assert.Equal("***", UrlMasking.MaskUrl("user:PASSWORD@host"));
        Assert.Equal("***", UrlMasking.MaskUrl("SECRETKEY123456789012345"));
    }

    [Fact]
    public void Every_url_inside_free_text_is_masked_and_the_rest_kept()
    {
        string message = "The Transaction Service at https://u:PASSWORD@tx.example/v2/SECRETKEY123456789012345 failed; "
            + "also tried http://127.0.0.1:8545 (connection refused).";

        string masked = UrlMasking.MaskUrlsIn(message);

        Assert.Equal("The Transaction Service at https://***@tx.example/v2/*** failed; also tried http://127.0.0.1:8545 (connection refused).", masked);
        Assert.Equal("no url here: 0x1234", UrlMasking.MaskUrlsIn("no url here: 0x1234"));
    }

    [Theory]
    [InlineData("SECRETKEY123456789012345", true)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("6f1c4a8e-2b3d-4e5f-9a0b-1c2d3e4f5a6b", true)]
    [InlineData("multisig-transactions", false)]
    [InlineData("123456789012345678", false)]
    [InlineData("v2", false)]
    [InlineData("Short1", false)]
    public void A_key_is_a_long_run_mixing_letters_and_digits_or_cases(string text, bool key)
    {
        Assert.Equal(key, UrlMasking.LooksLikeKey(text));
    }
}
