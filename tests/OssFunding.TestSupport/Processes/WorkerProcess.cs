using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OssFunding.TestSupport.Processes;

/// <summary>
/// The built worker (<c>dotnet OssFunding.Worker.dll …</c>) as a child process with its own environment; stdout and
/// stderr are captured line by line so a test can wait for a log line (e.g. a failpoint's marker).
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<string> Seen)> waiters = [];

    private WorkerProcess(Process process) => this.process = process;

    public static string DllPath { get; } = FindDll();

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing from the test runner's environment may configure the worker by accident.
        foreach (var key in info.Environment.Keys.Where(key => key.Contains("__", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var worker = new WorkerProcess(new Process { StartInfo = info });
        worker.process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker.process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker.process.Start();
        worker.process.BeginOutputReadLine();
        worker.process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Completes with the first output line containing all <paramref name="parts"/> (already printed lines count).</summary>
    public Task<string> WaitForLineAsync(params string[] parts)
    {
        bool Matches(string line) => parts.All(part => line.Contains(part, StringComparison.Ordinal));
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            var existing = output.ToString().Split('\n').FirstOrDefault(Matches);
            if (existing is not null)
            {
                seen.SetResult(existing);
            }
            else
            {
                waiters.Add((Matches, seen));
            }
        }

        return seen.Task;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"worker did not exit within {timeout}; output:\n{Output}");
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>kill -9: <see cref="Process.Kill(bool)"/> sends SIGKILL on Linux; nothing in the worker runs after it.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void SendSigterm()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            foreach (var waiter in waiters.Where(w => w.Matches(line)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Seen.TrySetResult(line);
            }
        }
    }

    private static string FindDll()
    {
        // Tests run from tests/<TestProject>/bin/<Configuration>/<tfm>/; the project references the worker so it is built.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = RepositoryRoot.File("src", "OssFunding.Worker", "bin", tfm.Parent!.Name, tfm.Name, "OssFunding.Worker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/OssFunding.Worker first", dll);
    }
}
