using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OssFunding.Devnet;

/// <summary>
/// One anvil process started through devnet/anvil-watchdog.sh, whose stdin pipe we hold: closing it
/// (dispose, or the kernel when this process dies) stops anvil. Also stopped from ProcessExit.
/// </summary>
internal sealed class AnvilProcess : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Process _wrapper;
    private readonly StringBuilder _stderr = new();
    private int _stopped;

    private AnvilProcess(Process wrapper, int anvilProcessId)
    {
        _wrapper = wrapper;
        AnvilProcessId = anvilProcessId;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public int AnvilProcessId { get; }

    public bool HasExited => _wrapper.HasExited;

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

    public static AnvilProcess Start(DevnetDirectory devnet, IEnumerable<string> anvilArguments)
    {
        var script = Path.Combine(devnet.Path, "anvil-watchdog.sh");
        if (!File.Exists(script))
        {
            throw new DevnetException($"Missing '{script}': the devnet folder is incomplete.");
        }

        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = devnet.Path,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(devnet.AnvilBinary);
        foreach (var argument in anvilArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var wrapper = Process.Start(startInfo) ?? throw new DevnetException("Could not start /bin/sh for anvil.");
        var firstLine = wrapper.StandardOutput.ReadLine();
        if (firstLine is null || !firstLine.StartsWith("anvil-pid ", StringComparison.Ordinal))
        {
            var error = wrapper.StandardError.ReadToEnd();
            wrapper.Kill(entireProcessTree: true);
            wrapper.Dispose();
            throw new DevnetException($"anvil did not start: {firstLine} {error}".Trim());
        }

        var anvil = new AnvilProcess(wrapper, int.Parse(firstLine["anvil-pid ".Length..], CultureInfo.InvariantCulture));
        anvil.DrainOutput();
        return anvil;
    }

    /// <summary>Closes the watchdog pipe, waits for anvil to go, and kills what is left after a grace period.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            _wrapper.StandardInput.Close();
            if (!_wrapper.WaitForExit(StopGrace))
            {
                _wrapper.Kill(entireProcessTree: true);
                _wrapper.WaitForExit(StopGrace);
            }
        }
        catch (InvalidOperationException)
        {
            // The wrapper already exited and was reaped: nothing is left to stop.
        }
        finally
        {
            KillAnvilIfStillRunning();
            _wrapper.Dispose();
        }
    }

    /// <summary>What the kernel does when this process dies: closes the pipe, without waiting. For tests of the watchdog.</summary>
    internal void CloseWatchdogPipe() => _wrapper.StandardInput.Close();

    private void KillAnvilIfStillRunning()
    {
        try
        {
            using var anvil = Process.GetProcessById(AnvilProcessId);
            if (!anvil.HasExited && anvil.ProcessName.StartsWith("anvil", StringComparison.Ordinal))
            {
                anvil.Kill();
                anvil.WaitForExit(StopGrace);
            }
        }
        catch (ArgumentException)
        {
            // No process with that id: anvil is gone, as intended.
        }
        catch (InvalidOperationException)
        {
            // It exited between the lookup and the kill.
        }
    }

    private void DrainOutput()
    {
        // Both pipes must be read, or a chatty anvil would block on a full pipe buffer. Stdout was already
        // read synchronously (the pid line), and .NET forbids switching that stream to event mode.
        _ = _wrapper.StandardOutput.ReadToEndAsync();
        _wrapper.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                if (_stderr.Length < 16_384)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _wrapper.BeginErrorReadLine();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();
}
