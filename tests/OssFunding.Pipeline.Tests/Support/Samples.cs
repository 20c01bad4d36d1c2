using OssFunding.TestSupport;

namespace OssFunding.Pipeline.Tests.Support;

/// <summary>A month of allocations shaped like the SPE's: several projects, LPT and USDC, one not yet due.</summary>
internal static class Samples
{
    public const string Header = "id,period,project,category,recipient,token,amount,approval_ref,memo\n";

    public static readonly string FFmpeg = TestAddresses.Recipient(1);
    public static readonly string OpenCv = TestAddresses.Recipient(2);
    public static readonly string Pydantic = TestAddresses.Recipient(3);
    public static readonly string ComfyUi = TestAddresses.Recipient(4);
    public static readonly string Admin = TestAddresses.Recipient(5);

    public static string Month => Header +
        $"2025-05-ffmpeg,2025-05,FFmpeg,projects,{FFmpeg},LPT,400,https://forum.example/t/1,May grant\n" +
        $"2025-06-ffmpeg,2025-06,FFmpeg,projects,{FFmpeg},LPT,400,https://forum.example/t/2,June grant\n" +
        $"2025-06-opencv,2025-06,OpenCV,projects,{OpenCv},LPT,250.5,https://forum.example/t/2,June grant\n" +
        $"2025-06-pydantic,2025-06,pydantic,projects,{Pydantic},USDC,1500.25,https://forum.example/t/2,June grant\n" +
        $"2025-06-admin,2025-06,SPE admin,admin,{Admin},LPT,20.833333333333333333,https://forum.example/t/2,accounting\n" +
        $"2025-07-comfyui,2025-07,ComfyUI,projects,{ComfyUi},LPT,300,https://forum.example/t/3,July grant (not due)\n";

    /// <summary>Ids of <see cref="Month"/> that are due in June 2025.</summary>
    public static readonly string[] DueInJune = ["2025-05-ffmpeg", "2025-06-admin", "2025-06-ffmpeg", "2025-06-opencv", "2025-06-pydantic"];

    public static string One(string id, string recipient, string token, string amount, string period = "2025-06") =>
        Header + $"{id},{period},Project {id},projects,{recipient},{token},{amount},https://forum.example/t/9,test\n";
}
