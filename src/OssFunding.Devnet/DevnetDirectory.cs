namespace OssFunding.Devnet;

/// <summary>
/// The repository's <c>devnet/</c> folder (package.json + node_modules with anvil, cast and the Safe artifacts).
/// Found from <c>OSSFUNDING_DEVNET_DIR</c>, else by walking up from the current directory and then from
/// the application's base directory (tests and benches run from bin/…, several levels below the repo).
/// </summary>
public sealed class DevnetDirectory
{
    public const string EnvironmentVariable = "OSSFUNDING_DEVNET_DIR";

    private DevnetDirectory(string path) => Path = path;

    public string Path { get; }

    public string NodeModules => System.IO.Path.Combine(Path, "node_modules");

    /// <summary>The platform binary; npm 11 does not run anvil's postinstall, so we never rely on its shim.</summary>
    public string AnvilBinary => FoundryBinary("anvil");

    /// <summary>Foundry's <c>cast</c> (npm <c>@foundry-rs/cast</c>), which signers can use to sign typed data with their own key or Ledger.</summary>
    public string CastBinary => FoundryBinary("cast");

    /// <summary>
    /// A Foundry tool's binary: npm ships it in a sibling package named after the platform
    /// (<c>@foundry-rs/anvil-linux-amd64/bin/anvil</c>), whose postinstall shim npm 11 does not run.
    /// </summary>
    private string FoundryBinary(string tool)
    {
        var candidate = System.IO.Path.Combine(NodeModules, "@foundry-rs", $"{tool}-linux-amd64", "bin", tool);
        if (File.Exists(candidate))
        {
            return candidate;
        }

        var scope = System.IO.Path.Combine(NodeModules, "@foundry-rs");
        var found = Directory.Exists(scope)
            ? Directory.EnumerateDirectories(scope, $"{tool}-*")
                .Select(dir => System.IO.Path.Combine(dir, "bin", OperatingSystem.IsWindows() ? $"{tool}.exe" : tool))
                .FirstOrDefault(File.Exists)
            : null;
        return found ?? throw new DevnetException(
            $"No {tool} binary under '{scope}'. Run `npm ci --legacy-peer-deps` in '{Path}'.");
    }

    /// <summary>A specific devnet folder; throws if it is not one.</summary>
    public static DevnetDirectory At(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return IsDevnet(path)
            ? new DevnetDirectory(System.IO.Path.GetFullPath(path))
            : throw new DevnetException($"'{path}' is not a devnet folder (no package.json naming @foundry-rs/anvil).");
    }

    public static DevnetDirectory Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return IsDevnet(fromEnvironment)
                ? new DevnetDirectory(System.IO.Path.GetFullPath(fromEnvironment))
                : throw new DevnetException(
                    $"{EnvironmentVariable}='{fromEnvironment}' is not a devnet folder (no package.json naming @foundry-rs/anvil).");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "devnet");
                if (IsDevnet(candidate))
                {
                    return new DevnetDirectory(candidate);
                }
            }
        }

        throw new DevnetException(
            $"No devnet/ folder found above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'; " +
            $"set {EnvironmentVariable} to the repository's devnet folder.");
    }

    private static bool IsDevnet(string candidate)
    {
        var packageJson = System.IO.Path.Combine(candidate, "package.json");
        return File.Exists(packageJson) && File.ReadAllText(packageJson).Contains("@foundry-rs/anvil", StringComparison.Ordinal);
    }
}
