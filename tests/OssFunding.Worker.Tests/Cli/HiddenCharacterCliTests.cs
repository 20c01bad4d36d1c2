using OssFunding.Worker.Cli;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Cli;

/// <summary>SPEC §14 on the command line: a file with a hidden character is refused naming it, and CLI output shows such characters escaped.</summary>
public sealed class HiddenCharacterCliTests : IDisposable
{
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Import_of_a_project_name_with_an_override_exits_1_naming_line_column_and_code_point()
    {
        string csv = TestData.AllocationsCsv(("rlo-1", "10")).Replace(",FFmpeg,", ",FF\u202Empeg,", StringComparison.Ordinal);
        string file = _sandbox.WriteFile("allocations.csv", csv);

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("import", file);
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains("line 2, column project: character 3 is U+202E RIGHT-TO-LEFT OVERRIDE, which is not allowed", process.StandardError, StringComparison.Ordinal);
        Assert.Empty(await LedgerSnapshot.AllocationsAsync(_sandbox.DatabasePath));
    }

    [Fact]
    public void Console_output_shows_hidden_characters_escaped_and_keeps_its_own_layout()
    {
        using var inner = new StringWriter();
        using var console = new VisibleConsole(inner);

        console.WriteLine("Safe\u202Egnp.exe\tLP\u200BT");
        console.Write('\u2066');
        console.Write("tag \U000E0041\r\n".ToCharArray(), 0, 8);

        Assert.Equal("Safe\\u202Egnp.exe\tLP\\u200BT" + Environment.NewLine + "\\u2066tag \\uDB40\\uDC41\r\n", inner.ToString());
    }
}
