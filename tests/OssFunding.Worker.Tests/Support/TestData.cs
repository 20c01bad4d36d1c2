using System.Globalization;
using System.Text;
using Nethereum.Util;

namespace OssFunding.Worker.Tests.Support;

/// <summary>Valid configuration values and import files for the default appsettings.json (cycle 2025, LPT and USDC).</summary>
internal static class TestData
{
    public const string AdminToken = "admin-token-for-tests-0123456789";
    public const string ReadToken = "read-token-for-tests-0123456789";

    public static readonly string SafeAddress = Checksummed("5afe5afe5afe5afe5afe5afe5afe5afe5afecafe");
    public static readonly string FfmpegWallet = Checksummed("ffeeffeeffeeffeeffeeffeeffeeffeeffee0001");
    public static readonly string OpencvWallet = Checksummed("0cabcdef0cabcdef0cabcdef0cabcdef0cabcdef");

    public static string Checksummed(string hex40) => AddressUtil.Current.ConvertToChecksumAddress("0x" + hex40);

    public static string ProjectsCsv() =>
        "name,recipient,proof_url,effective_from\n"
        + $"FFmpeg,{FfmpegWallet},https://ffmpeg.org/donations.html,2025-01-01\n"
        + $"OpenCV,{OpencvWallet},https://opencv.org/support/,2025-01-01\n";

    /// <summary>A unique id per call, so tests sharing one ledger never collide.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    public static string AllocationsCsv(params (string Id, string Amount)[] rows)
    {
        var csv = new StringBuilder("id,period,project,category,recipient,token,amount,approval_ref,memo\n");
        foreach ((string id, string amount) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},2025-02,FFmpeg,projects,{FfmpegWallet},LPT,{amount},https://forum.example.org/t/{id},tests\n");
        }

        return csv.ToString();
    }

    public static string AllocationsJson(string id, string amount) =>
        $$"""
        [{"id":"{{id}}","period":"2025-03","project":"OpenCV","category":"projects","recipient":"{{OpencvWallet}}",
          "token":"USDC","amount":"{{amount}}","approvalRef":"https://forum.example.org/t/{{id}}","memo":"tests"}]
        """;
}
