using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using OssFunding.Devnet;
using OssFunding.Safe.Contracts;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;

namespace OssFunding.EndToEnd.Tests.Support;

/// <summary>How an owner signs: typed data in a wallet, the hash as a message, or approveHash on chain.</summary>
internal enum SigningWay
{
    Eip712,
    EthSign,
    ApproveHash,
}

/// <summary>
/// The samples month driven through the API the way operators and signers do it. Every step is idempotent (an import
/// that changes nothing, a draft that finds the live transaction, a signature that is already there), so the same flow
/// can be run again against a worker restarted after a crash and must converge.
/// </summary>
internal static class PaymentFlow
{
    public static readonly string ProjectsFile = RepositoryRoot.File("samples", "projects.csv");
    public static readonly string AllocationsFile = RepositoryRoot.File("samples", "allocations-2025-01.csv");

    public static async Task ImportSamplesAsync(WorkerApi api)
    {
        await api.ImportCsvAsync("api/projects", ProjectsFile);
        await api.ImportCsvAsync("api/allocations", AllocationsFile);
    }

    /// <summary>The live transaction, drafting it first when there is none.</summary>
    public static async Task<string> DraftAsync(WorkerApi api)
    {
        if (await LiveAsync(api) is { } live)
        {
            return live;
        }

        var (status, body) = await api.SendAsync(HttpMethod.Post, "api/transactions/draft");
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.NoContent, $"draft: {(int)status} {body}");
        return status == HttpStatusCode.Created
            ? JsonNode.Parse(body)!["safeTxHash"]!.GetValue<string>()
            : await LiveAsync(api) ?? throw new InvalidOperationException("nothing drafted and nothing live");
    }

    public static async Task SignAsync(WorkerApi api, DevnetWorld world, string safeTxHash, IReadOnlyList<SigningWay> ways)
    {
        var tx = await api.GetAsync($"api/transactions/{safeTxHash}");
        var typedData = tx["typedData"]!.ToJsonString();
        var signed = tx["signatures"]!.AsArray().Select(s => s!["owner"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < ways.Count; i++)
        {
            var owner = world.Owners[i];
            if (signed.Contains(owner.Address))
            {
                continue;
            }

            if (ways[i] == SigningWay.ApproveHash)
            {
                var receipt = await new SafeContract(world.Web3For(owner), world.SafeAddress).ApproveHashAsync(safeTxHash.HexToByteArray());
                Assert.Equal(1, (int)receipt.Status.Value);
                continue;
            }

            var signature = ways[i] == SigningWay.Eip712 ? new Eip712TypedDataSigner().SignTypedDataV4(typedData, owner.Key) : EthSign(owner, safeTxHash);
            var (status, body) = await api.PostSignatureAsync(safeTxHash, signature);
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"signature of {owner.Address}: {(int)status} {body}");
        }
    }

    /// <summary>execTransaction sent by the deployer (not an owner) with the stored signatures packed in ascending owner order.</summary>
    public static async Task<string> ExecuteAsOutsiderAsync(Scenario scenario, JsonNode tx)
    {
        var signatures = tx["signatures"]!.AsArray()
            .OrderBy(s => s!["owner"]!.GetValue<string>().ToLowerInvariant(), StringComparer.Ordinal)
            .Take(tx["threshold"]!.GetValue<int>())
            .SelectMany(s => s!["signature"]!.GetValue<string>().HexToByteArray())
            .ToArray();
        var safe = new SafeContract(scenario.World.Web3For(scenario.World.Deployer), scenario.World.SafeAddress);
        var receipt = await safe.ExecTransactionAsync(new ExecTransactionFunction
        {
            To = tx["to"]!.GetValue<string>(), Value = BigInteger.Parse(tx["value"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            Data = tx["data"]!.GetValue<string>().HexToByteArray(), Operation = (byte)tx["operation"]!.GetValue<int>(),
            GasToken = EthAddress.Zero, RefundReceiver = EthAddress.Zero, Signatures = signatures, Gas = 2_000_000,
        });
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt.TransactionHash;
    }

    public static string EthSign(DevnetAccount owner, string safeTxHash)
    {
        var signature = new EthereumMessageSigner().Sign(safeTxHash.HexToByteArray(), owner.Key).HexToByteArray();
        signature[64] += 4;
        return signature.ToHex(true);
    }

    private static async Task<string?> LiveAsync(WorkerApi api)
    {
        var all = (await api.GetAsync("api/transactions")).AsArray();
        return all.FirstOrDefault(tx => tx!["status"]!.GetValue<string>() is not ("Failed" or "Superseded" or "Cancelled"))?["safeTxHash"]?.GetValue<string>();
    }
}
