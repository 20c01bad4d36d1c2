using System.Diagnostics;
using System.Text;

namespace OssFunding.Worker.Tests.Support;

/// <summary>
/// The real worker executable as a child process (<c>dotnet OssFunding.Worker.dll …</c>) with its own working
/// directory and environment; output is captured. Disposing kills it if it is still running.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string AllOutput => StandardOutput + StandardError;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(WorkerBinary.DllPath, workingDirectory, environment, args);

    public static WorkerProcess Start(string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nothing from the test runner's own environment may configure the worker by accident.
        foreach (string key in info.Environment.Keys.Where(IsWorkerSetting).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => Append(worker._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(worker._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Runs a command to its end and returns the exit code.</summary>
    public static async Task<(int ExitCode, WorkerProcess Process)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = Start(workingDirectory, environment, args);
        int exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"worker did not exit within {timeout}; output:\n{AllOutput}");
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>What an orchestrator (Docker, Kubernetes) sends to stop a container.</summary>
    public void SendSigterm()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static bool IsWorkerSetting(string key) =>
        key.Contains("__", StringComparison.Ordinal) || key.StartsWith("OSSFUNDING_", StringComparison.Ordinal)
        || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal);

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
