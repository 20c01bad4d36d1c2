using OssFunding.TestSupport;

namespace OssFunding.TransactionService.Tests.Support;

/// <summary>Allocations due in June 2025 (the harness clock), in LPT and USDC.</summary>
internal static class Samples
{
    public const string Header = "id,period,project,category,recipient,token,amount,approval_ref,memo\n";

    public static readonly string FFmpeg = TestAddresses.Recipient(11);
    public static readonly string Pydantic = TestAddresses.Recipient(12);

    public static string June => Header +
        $"2025-06-ffmpeg,2025-06,FFmpeg,projects,{FFmpeg},LPT,400,https://forum.example/t/2,June grant\n" +
        $"2025-06-pydantic,2025-06,pydantic,projects,{Pydantic},USDC,1500.25,https://forum.example/t/2,June grant\n";

    public static string One(string id, string recipient, string token, string amount) =>
        Header + $"{id},2025-06,Project {id},projects,{recipient},{token},{amount},https://forum.example/t/9,test\n";
}
