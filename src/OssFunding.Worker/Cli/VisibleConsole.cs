using System.Text;
using OssFunding.Core.Text;

namespace OssFunding.Worker.Cli;

/// <summary>
/// CLI output shows hidden characters escaped (SPEC §14): stdout and stderr are wrapped once, at start, in a writer
/// that passes every text through <see cref="DisplayText.Escape"/>, so no command (list, status, report, an error
/// quoting a value) can print a right-to-left override or a zero-width character as it acts. Only the writer's own
/// line breaks and tabs (table layout) are written as they are.
/// </summary>
internal sealed class VisibleConsole(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    /// <summary>Called once per process, first thing, by <see cref="WorkerCommandLine.InvokeAsync"/>.</summary>
    public static void Install()
    {
        Console.SetOut(new VisibleConsole(Console.Out));
        Console.SetError(new VisibleConsole(Console.Error));
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // Split at the layout characters so they stay layout; every other hidden character is escaped.
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is '\n' or '\r' or '\t')
            {
                inner.Write(DisplayText.Escape(value[start..i]));
                inner.Write(value[i]);
                start = i + 1;
            }
        }

        inner.Write(DisplayText.Escape(value[start..]));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Flush();
        }

        base.Dispose(disposing);
    }
}
