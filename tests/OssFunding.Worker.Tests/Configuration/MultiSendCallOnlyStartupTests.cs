using System.Text.Json;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Transactions;
using OssFunding.Worker.Tests.Support;

namespace OssFunding.Worker.Tests.Configuration;

/// <summary>
/// Issue 10 item 4: the Safe DELEGATECALLs Safe:MultiSendCallOnly with its full authority, so <c>run</c> refuses to
/// start unless that address holds the runtime code of a MultiSendCallOnly release (Invariant 5: what signers sign is
/// what the ledger says only while the callee does exactly what its calldata reads; unknown code could do anything).
/// Issue 12 item 2: likewise the Safe itself must report a version in <see cref="SafeVersions.Supported"/>.
/// </summary>
public sealed class MultiSendCallOnlyStartupTests : IDisposable
{
    private readonly WorkerSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("@gnosis.pm/safe-contracts", "1.3.0")]
    [InlineData("@safe-global/safe-contracts", "1.4.1")]
    [InlineData("@safe-global/safe-smart-account", "1.5.0")]
    public void Known_hashes_are_the_deployed_bytecode_of_the_npm_artifacts(string package, string release)
    {
        var artifact = Path.Combine(DevnetDirectory.Locate().NodeModules, package, "build", "artifacts", "contracts", "libraries",
            "MultiSendCallOnly.sol", "MultiSendCallOnly.json");
        using var document = JsonDocument.Parse(File.ReadAllText(artifact));
        var root = document.RootElement;
        Assert.Equal(release, JsonDocument.Parse(File.ReadAllText(Path.Combine(DevnetDirectory.Locate().NodeModules, package, "package.json")))
            .RootElement.GetProperty("version").GetString());
        // No libraries to link and no immutables: the runtime code is the same at every address on every chain.
        Assert.Equal("{}", root.GetProperty("deployedLinkReferences").GetRawText());
        Assert.DoesNotContain("immutable", File.ReadAllText(Path.Combine(DevnetDirectory.Locate().NodeModules, package,
            "contracts", "libraries", "MultiSendCallOnly.sol")), StringComparison.Ordinal);

        var hash = MultiSendCallOnlyCode.HashOf(root.GetProperty("deployedBytecode").GetString()!);

        Assert.Equal(MultiSendCallOnlyCode.KnownHashes[release], hash);
    }

    [Fact]
    public async Task The_devnet_multisend_deployed_from_the_artifact_is_recognised()
    {
        var world = await SharedDevnet.WorldAsync();
        var code = await world.Chain.CreateWeb3(world.Deployer).Eth.GetCode.SendRequestAsync(world.Contracts.MultiSendCallOnly);

        Assert.Equal("1.4.1", MultiSendCallOnlyCode.ReleaseOf(code));
    }

    [Fact]
    public async Task An_externally_owned_account_as_MultiSendCallOnly_stops_the_start_naming_it()
    {
        await _sandbox.UseSharedDevnetAsync();
        var world = await SharedDevnet.WorldAsync();
        var eoa = EthAddress.Normalize(world.Deployer.Address, "deployer");
        _sandbox.Environment["Safe__MultiSendCallOnly"] = eoa;

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("run");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains($"Safe:MultiSendCallOnly: {eoa} has no contract code", process.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_with_other_code_as_MultiSendCallOnly_stops_the_start_with_its_code_hash()
    {
        await _sandbox.UseSharedDevnetAsync();
        var world = await SharedDevnet.WorldAsync();
        var token = world.Lpt.Address;
        var code = await world.Chain.CreateWeb3(world.Deployer).Eth.GetCode.SendRequestAsync(token);
        _sandbox.Environment["Safe__MultiSendCallOnly"] = token;

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("run");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains($"Safe:MultiSendCallOnly: {token} has code with keccak {MultiSendCallOnlyCode.HashOf(code)}, which is no MultiSendCallOnly release",
            process.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Hashing, signature checks and log decoding are written for the supported versions only.</summary>
    [Fact]
    public async Task A_safe_reporting_an_unsupported_version_stops_the_start_naming_the_supported_ones()
    {
        await _sandbox.UseSharedDevnetAsync();
        var shared = await SharedDevnet.WorldAsync();
        // A world of its own on the shared chain, so no other test sees its singleton changed: the real 1.4.1 code
        // with its VERSION constant "1.4.1" patched to "1.1.1" (same length), so everything else still answers.
        var world = await DevnetWorld.DeployAsync(shared.Chain, SafeVersion.V141);
        var web3 = world.Chain.CreateWeb3();
        var code = await web3.Eth.GetCode.SendRequestAsync(world.Contracts.Singleton);
        var version = Convert.ToHexStringLower("1.4.1"u8);
        Assert.Equal(1, (code.Length - code.Replace(version, "", StringComparison.Ordinal).Length) / version.Length);
        await world.Chain.Rpc.SetCodeAsync(world.Contracts.Singleton, code.Replace(version, Convert.ToHexStringLower("1.1.1"u8), StringComparison.Ordinal));
        Assert.Equal("1.1.1", await new SafeContract(web3, world.SafeAddress).GetVersionStringAsync());
        _sandbox.Environment["Safe__Address"] = world.SafeAddress;

        (int exitCode, WorkerProcess process) = await _sandbox.RunAsync("run");
        using var _ = process;

        Assert.Equal(1, exitCode);
        Assert.Contains($"Safe:Address: {world.SafeAddress}: Safe version '1.1.1' is not supported; the worker supports 1.3.0, 1.4.1 and 1.5.0.",
            process.StandardError, StringComparison.Ordinal);
    }
}
