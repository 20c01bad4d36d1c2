using OssFunding.Chain.Mirror;
using OssFunding.Core.Configuration;
using OssFunding.Pipeline.Chain;
using OssFunding.Pipeline.Confirmation;
using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Units;

public sealed class PaymentMatcherTests
{
    private static readonly string Safe = TestAddresses.Safe;
    private static readonly string Alice = TestAddresses.Recipient(1);
    private static readonly string Bob = TestAddresses.Recipient(2);
    private static readonly TokenUnits Tokens = new(new TokensOptions
    {
        ["LPT"] = new TokenOptions { Address = TestAddresses.Lpt, Decimals = 18 },
        ["USDC"] = new TokenOptions { Address = TestAddresses.Usdc, Decimals = 6 },
    });

    private static TokenTransfer Log(string token, string to, string amount, long logIndex, string? from = null) =>
        new(token, from ?? Safe, to, amount, "0x" + new string('1', 64), 10, "0x" + new string('2', 64), logIndex, 9, true);

    [Fact]
    public void Each_payment_takes_its_own_log_even_when_two_payments_are_identical()
    {
        var payments = new[] { new ExpectedPayment("a", Alice, "LPT", "1"), new ExpectedPayment("b", Alice, "LPT", "1") };
        var logs = new[] { Log(TestAddresses.Lpt, Alice, "1000000000000000000", 3), Log(TestAddresses.Lpt, Alice, "1000000000000000000", 5) };

        var (matches, problem) = PaymentMatcher.Match(payments, logs, Safe, Tokens);

        Assert.Null(problem);
        Assert.Equal([("a", 3L), ("b", 5L)], matches!.Select(m => (m.Payment.AllocationId, m.Transfer.LogIndex)));
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("recipient")]
    [InlineData("token")]
    [InlineData("from")]
    [InlineData("missing")]
    public void A_log_that_differs_in_anything_does_not_prove_the_payment(string difference)
    {
        var payment = new ExpectedPayment("a", Alice, "USDC", "2.5");
        TokenTransfer[] logs = difference switch
        {
            "amount" => [Log(TestAddresses.Usdc, Alice, "2500001", 1)],
            "recipient" => [Log(TestAddresses.Usdc, Bob, "2500000", 1)],
            "token" => [Log(TestAddresses.Lpt, Alice, "2500000", 1)],
            "from" => [Log(TestAddresses.Usdc, Alice, "2500000", 1, from: Bob)],
            _ => [],
        };

        var (matches, problem) = PaymentMatcher.Match([payment], logs, Safe, Tokens);

        Assert.Null(matches);
        Assert.Contains($"no matching Transfer log for allocation a (2.5 USDC to {Alice})", problem, StringComparison.Ordinal);
    }
}
