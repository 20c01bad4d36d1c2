using System.Diagnostics;
using System.Text.Json;
using OssFunding.Safe.Transactions;

namespace OssFunding.Devnet;

/// <summary>A compiled contract read from a Hardhat-style artifact JSON: its ABI and creation bytecode.</summary>
public sealed record ContractArtifact(string ContractName, string AbiJson, string Bytecode, string SourcePath)
{
    public static ContractArtifact Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DevnetException($"Contract artifact '{path}' is missing. Run `npm install --legacy-peer-deps` in devnet/.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var bytecode = root.GetProperty("bytecode").GetString();
        if (string.IsNullOrEmpty(bytecode) || bytecode == "0x")
        {
            throw new DevnetException($"Artifact '{path}' has no creation bytecode (an interface?).");
        }

        return new ContractArtifact(root.GetProperty("contractName").GetString() ?? Path.GetFileNameWithoutExtension(path),
            root.GetProperty("abi").GetRawText(), bytecode, path);
    }
}

/// <summary>Where each contract's artifact lives in devnet/node_modules (the same paths contracts-abi/ names).</summary>
public static class DevnetArtifacts
{
    public static ContractArtifact SafeSingleton(DevnetDirectory devnet, SafeVersion version) => version switch
    {
        SafeVersion.V130 => Gnosis130(devnet, "contracts/GnosisSafeL2.sol/GnosisSafeL2.json"),
        SafeVersion.V141 => Safe141(devnet, "contracts/SafeL2.sol/SafeL2.json"),
        SafeVersion.V150 => Safe150(devnet, "contracts/SafeL2.sol/SafeL2.json"),
        _ => throw UnknownVersion(version),
    };

    public static ContractArtifact ProxyFactory(DevnetDirectory devnet, SafeVersion version) => version switch
    {
        SafeVersion.V130 => Gnosis130(devnet, "contracts/proxies/GnosisSafeProxyFactory.sol/GnosisSafeProxyFactory.json"),
        SafeVersion.V141 => Safe141(devnet, "contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
        SafeVersion.V150 => Safe150(devnet, "contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
        _ => throw UnknownVersion(version),
    };

    public static ContractArtifact MultiSendCallOnly(DevnetDirectory devnet, SafeVersion version) => version switch
    {
        SafeVersion.V130 => Gnosis130(devnet, "contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json"),
        SafeVersion.V141 => Safe141(devnet, "contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json"),
        SafeVersion.V150 => Safe150(devnet, "contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json"),
        _ => throw UnknownVersion(version),
    };

    public static ContractArtifact FallbackHandler(DevnetDirectory devnet, SafeVersion version) => version switch
    {
        SafeVersion.V130 => Gnosis130(devnet, "contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"),
        SafeVersion.V141 => Safe141(devnet, "contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"),
        SafeVersion.V150 => Safe150(devnet, "contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json"),
        _ => throw UnknownVersion(version),
    };

    /// <summary>devnet/contracts/TestToken.sol, compiled by devnet/compile-token.mjs when missing or older than the source.</summary>
    public static ContractArtifact TestToken(DevnetDirectory devnet) => Compiled(devnet, "TestToken.sol", "TestToken");

    /// <summary>
    /// A contract of ours from devnet/contracts/<paramref name="sourceFile"/>, compiled by devnet/compile-token.mjs
    /// (which writes every contract of the file) when its artifact is missing or older than the source.
    /// </summary>
    public static ContractArtifact Compiled(DevnetDirectory devnet, string sourceFile, string contractName)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        var source = Path.Combine(devnet.Path, "contracts", sourceFile);
        var artifact = Path.Combine(devnet.Path, "build", $"{contractName}.json");
        bool IsStale() => !File.Exists(artifact) || File.GetLastWriteTimeUtc(artifact) < File.GetLastWriteTimeUtc(source);
        if (IsStale())
        {
            // Several test hosts may start at once: one compiles, the others wait on the lock and reuse its output.
            using var compileLock = CompileLock.Acquire(Path.Combine(devnet.Path, "build", ".compile.lock"));
            if (IsStale())
            {
                Compile(devnet, sourceFile);
            }
        }

        return ContractArtifact.Load(artifact);
    }

    /// <summary>The real Uniswap v3 factory from <c>@uniswap/v3-core</c>'s published artifacts; it creates real pools.</summary>
    public static ContractArtifact UniswapV3Factory(DevnetDirectory devnet)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        return ContractArtifact.Load(Path.Combine(devnet.NodeModules, "@uniswap", "v3-core", "artifacts", "contracts",
            "UniswapV3Factory.sol", "UniswapV3Factory.json"));
    }

    private static ContractArtifact Gnosis130(DevnetDirectory devnet, string relative)
        => ContractArtifact.Load(Path.Combine(devnet.NodeModules, "@gnosis.pm", "safe-contracts", "build", "artifacts", relative));

    private static ContractArtifact Safe141(DevnetDirectory devnet, string relative)
        => ContractArtifact.Load(Path.Combine(devnet.NodeModules, "@safe-global", "safe-contracts", "build", "artifacts", relative));

    // 1.5.0 moved to a new package name; its build/artifacts layout is the same as 1.4.1's.
    private static ContractArtifact Safe150(DevnetDirectory devnet, string relative)
        => ContractArtifact.Load(Path.Combine(devnet.NodeModules, "@safe-global", "safe-smart-account", "build", "artifacts", relative));

    private static ArgumentOutOfRangeException UnknownVersion(SafeVersion version)
        => new(nameof(version), version, "Unknown Safe version.");

    private static void Compile(DevnetDirectory devnet, string sourceFile)
    {
        var startInfo = new ProcessStartInfo("node", ["compile-token.mjs", sourceFile])
        {
            WorkingDirectory = devnet.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(startInfo) ?? throw new DevnetException($"Could not start `node` to compile {sourceFile}.");
        var stderr = node.StandardError.ReadToEndAsync();
        node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        if (node.ExitCode != 0)
        {
            throw new DevnetException($"`node compile-token.mjs {sourceFile}` failed with exit code {node.ExitCode}: {stderr.Result.Trim()}");
        }
    }

    private sealed class CompileLock : IDisposable
    {
        private readonly FileStream _stream;

        private CompileLock(FileStream stream) => _stream = stream;

        public static CompileLock Acquire(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (true)
            {
                try
                {
                    return new CompileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100);
                }
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
