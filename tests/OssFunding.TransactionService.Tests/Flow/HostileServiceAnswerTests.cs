using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using OssFunding.Devnet;
using OssFunding.Pipeline.Transactions;
using OssFunding.Pipeline.TransactionService;
using OssFunding.Safe.Signatures;
using OssFunding.Safe.Transactions;
using OssFunding.TestSupport;
using OssFunding.TransactionService.Tests.Support;

namespace OssFunding.TransactionService.Tests.Flow;

/// <summary>
/// The Transaction Service is an outside party: it may list confirmations it should never have accepted (security
/// issue item 5). Each one below is listed for a proposed transaction, bypassing the fake's own validation as a
/// compromised or buggy service would; the worker's poller passes it through the same checks as a posted signature, so
/// none of them counts, and a malleated twin of a real one counts once, stored low-s.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class HostileServiceAnswerTests(DevnetWorlds devnet)
{
    public static TheoryData<string> Forgeries => new() { "owner over another hash", "stranger named as an owner", "contract signature naming an EOA owner" };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_confirmation_the_service_should_have_refused_is_not_counted(string forgery)
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V141);
        var draft = await ProposeAsync(worker);
        var owner = worker.World.Owners[1];
        var (signature, type) = Forge(forgery, owner, draft.SafeTxHash);

        worker.Fake.InjectConfirmation(draft.SafeTxHash, owner.Address, signature, type);

        Assert.Equal(new ServiceSyncRun(0, 0, 0), await worker.Sync.RunAsync(CancellationToken.None));
        Assert.Equal(new ServiceSyncRun(0, 0, 0), await worker.Sync.RunAsync(CancellationToken.None));
        var view = await worker.ViewAsync(draft.SafeTxHash);
        Assert.Empty(view.Signatures);
        Assert.Equal(TransactionStatus.AwaitingSignatures, view.Status);
    }

    [Fact]
    public async Task The_high_s_twin_of_an_owners_confirmation_counts_once_and_is_stored_low_s()
    {
        await using var worker = await ServiceHarness.StartAsync(devnet, SafeVersion.V141);
        var draft = await ProposeAsync(worker);
        var owner = worker.World.Owners[1];
        var low = Owners.EthSign(owner, draft.SafeTxHash);
        var twin = SafeSignature.Ecdsa(low.HexToByteArray()).MalleatedTwin().ToHex();

        worker.Fake.InjectConfirmation(draft.SafeTxHash, owner.Address, twin, "ETH_SIGN");

        Assert.Equal(new ServiceSyncRun(0, 0, 1), await worker.Sync.RunAsync(CancellationToken.None));
        var stored = Assert.Single((await worker.ViewAsync(draft.SafeTxHash)).Signatures);
        Assert.Equal((owner.Address, low), (stored.Owner, stored.Signature));
    }

    private static async Task<TransactionView> ProposeAsync(ServiceHarness worker)
    {
        await worker.ImportAsync(Samples.One("solo", Samples.FFmpeg, "LPT", "5"));
        var draft = await worker.DraftAsync();
        Assert.Equal(1, (await worker.Sync.RunAsync(CancellationToken.None)).Proposed);
        return draft;
    }

    private static (string Signature, string Type) Forge(string forgery, DevnetAccount owner, string safeTxHash)
    {
        switch (forgery)
        {
            case "owner over another hash":
                var other = new Sha3Keccack().CalculateHash("another Safe transaction"u8.ToArray()).ToHex(true);
                return (Owners.EthSign(owner, other), "ETH_SIGN");
            case "stranger named as an owner":
                var stranger = Nethereum.Signer.EthECKey.GenerateKey();
                return (new Nethereum.Signer.MessageSigner().Sign(safeTxHash.HexToByteArray(), stranger), "EOA");
            case "contract signature naming an EOA owner":
                // v = 0: r holds the owner, s the offset of its data; the Safe would ask the owner's code, an EOA has none.
                var r = owner.Address[2..].ToLowerInvariant().PadLeft(64, '0');
                var s = 65.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
                var data = 32.ToString("x64", System.Globalization.CultureInfo.InvariantCulture) + new string('a', 64);
                return ("0x" + r + s + "00" + data, "CONTRACT_SIGNATURE");
            default:
                throw new ArgumentException($"unknown forgery '{forgery}'", nameof(forgery));
        }
    }
}
