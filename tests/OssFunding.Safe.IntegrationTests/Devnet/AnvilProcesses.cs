using System.Globalization;

namespace OssFunding.Safe.IntegrationTests.Devnet;

/// <summary>Looks at /proc for anvil processes, independently of the code under test.</summary>
internal static class AnvilProcesses
{
    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            // Format: "pid (comm) state ..."; the comm may contain spaces, so read after the last ')'.
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && text.Contains("(anvil)", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Pids of running anvil processes started with <c>--port {port}</c>.</summary>
    public static IReadOnlyList<int> ListeningOn(int port)
    {
        var wanted = $"--port\0{port.ToString(CultureInfo.InvariantCulture)}\0";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains(wanted, StringComparison.Ordinal) && IsRunning(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
