using System.Numerics;
using OssFunding.Pipeline.Drafting;

namespace OssFunding.Pipeline.Tests.Units;

public sealed class DraftPlannerTests
{
    private static DueAllocation Due(string id, string token, long units) => new(id, "2025-06", id, "0x0", token, units, new BigInteger(units));

    [Fact]
    public void Payments_are_taken_in_order_up_to_the_batch_size()
    {
        var due = Enumerable.Range(1, 5).Select(i => Due($"a{i}", "LPT", 1)).ToList();

        var plan = DraftPlanner.Plan(due, 3, new Dictionary<string, BigInteger> { ["LPT"] = 100 });

        Assert.Equal(["a1", "a2", "a3"], plan.Included.Select(a => a.Id));
        Assert.Empty(plan.HeldByToken);
    }

    [Fact]
    public void From_the_first_payment_a_token_cannot_cover_that_tokens_later_payments_are_held_too()
    {
        var due = new[] { Due("a", "LPT", 60), Due("b", "USDC", 5), Due("c", "LPT", 50), Due("d", "LPT", 1), Due("e", "USDC", 5) };

        var plan = DraftPlanner.Plan(due, 10, new Dictionary<string, BigInteger> { ["LPT"] = 100, ["USDC"] = 10 });

        Assert.Equal(["a", "b", "e"], plan.Included.Select(a => a.Id));
        Assert.Equal(["c", "d"], plan.HeldByToken["LPT"].Select(a => a.Id));
        Assert.False(plan.HeldByToken.ContainsKey("USDC"));
    }

    [Fact]
    public void A_token_with_no_available_balance_holds_everything_in_it()
    {
        var plan = DraftPlanner.Plan([Due("a", "LPT", 1)], 10, new Dictionary<string, BigInteger> { ["LPT"] = -5 });

        Assert.Empty(plan.Included);
        Assert.Equal(["a"], plan.HeldByToken["LPT"].Select(a => a.Id));
    }
}
