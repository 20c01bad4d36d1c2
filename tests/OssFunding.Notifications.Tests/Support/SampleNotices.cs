using System.Globalization;
using System.Text.Json.Nodes;
using OssFunding.Pipeline.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.Notifications.Tests.Support;

/// <summary>
/// Realistic notice inputs: a 3-of-5 Safe on Arbitrum One paying a month of the SPE's projects, five named signers,
/// one of whom has signed.
/// </summary>
public static class SampleNotices
{
    public const string SafeTxHash = "0x5b2c1f0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c";

    public static readonly string[] SignerNames = ["Alice", "Bob", "Carol", "Dave", "Erin"];

    public static string Signer(int index) => TestAddresses.FromLabel($"ossfunding/test/signer/{index}");

    public static readonly (string Project, string Token, string Amount)[] Month =
    [
        ("FFmpeg", "LPT", "400"), ("OpenCV", "LPT", "250.5"), ("pydantic", "USDC", "1500.25"),
        ("SPE admin", "LPT", "20.833333333333333333"), ("StreamDiffusion <beta> & co", "LPT", "120"),
    ];

    /// <summary>Settings for five signers: everyone has email; Alice and Bob a Telegram chat, Alice and Carol a Slack id.</summary>
    public static Dictionary<string, string?> SignerSettings()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < SignerNames.Length; i++)
        {
            settings[$"Notifications:Signers:{i}:Address"] = Signer(i);
            settings[$"Notifications:Signers:{i}:Name"] = SignerNames[i];
            settings[$"Notifications:Signers:{i}:Email"] = $"{SignerNames[i].ToLowerInvariant()}@example.org";
        }

        settings["Notifications:Signers:0:TelegramChatId"] = "1001";
        settings["Notifications:Signers:1:TelegramChatId"] = "1002";
        settings["Notifications:Signers:0:SlackUserId"] = "U0ALICE01";
        settings["Notifications:Signers:2:SlackUserId"] = "U0CAROL03";
        return settings;
    }

    /// <summary>A transaction awaiting signatures with <paramref name="payments"/> payments (the month, repeated if more) and <paramref name="signed"/> signers done.</summary>
    public static TransactionView Transaction(int payments = 5, int signed = 1, TransactionStatus status = TransactionStatus.AwaitingSignatures)
    {
        var list = Enumerable.Range(0, payments).Select(i =>
        {
            var (project, token, amount) = Month[i % Month.Length];
            var name = i < Month.Length ? project : $"{project} #{i}";
            return new TransactionPaymentView($"2025-06-{i:D3}", name, TestAddresses.Recipient(i + 1), token, amount);
        }).ToList();
        var totals = list.GroupBy(p => p.Token).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TransactionTotalView(g.Key, g.Sum(p => decimal.Parse(p.Amount, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var now = new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
        var signatures = Enumerable.Range(0, signed)
            .Select(i => new SignatureView(Signer(i), "Eip712", "0x" + new string('a', 130), "api", now)).ToList();
        var missing = Enumerable.Range(signed, 5 - signed).Select(Signer).ToList();
        return new TransactionView(SafeTxHash, TestAddresses.Safe, 42161, 7, status, null, "0x9641d764fc13c8B624c04430C7356C1C7C8102e2", "0",
            "0x8d80ff0a", 1, 3, "1.4.1", list, totals, signatures, missing, TypedData(), null, null, now, now);
    }

    private static JsonObject TypedData() => new()
    {
        ["primaryType"] = "SafeTx",
        ["domain"] = new JsonObject { ["chainId"] = 42161, ["verifyingContract"] = TestAddresses.Safe },
        ["types"] = new JsonObject { ["SafeTx"] = new JsonArray() },
        ["message"] = new JsonObject { ["to"] = "0x9641d764fc13c8B624c04430C7356C1C7C8102e2", ["nonce"] = "7" },
    };
}
