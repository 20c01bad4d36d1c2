using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using OssFunding.Devnet;
using OssFunding.TestSupport;
using OssFunding.Worker.Tests.Support;
using PuppeteerSharp;
using static OssFunding.Worker.Tests.Support.RunningWorker;

namespace OssFunding.Worker.Tests.Pages;

/// <summary>
/// One real worker on the shared devnet (a real Safe 1.4.1, 3 of 5) with a transaction waiting for signatures, and one
/// headless Debian chromium for the whole class: the browser is the installed <c>/usr/bin/chromium</c>, never a download
/// (scripts/test.sh installs Debian's package when it is missing).
/// </summary>
public sealed class BrowserWorld : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private ConfiguredWorker? _worker;
    private IBrowser? _browser;

    internal ConfiguredWorker Worker => _worker ?? throw new InvalidOperationException("not started");

    internal DevnetWorld World { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    public string Hash { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install chromium (scripts/test.sh does)");
        World = await SharedDevnet.WorldAsync();
        // Two live transactions: the one three owners sign, and the one a test cancels under a signer's eyes.
        _worker = await ConfiguredWorker.StartAsync(new Dictionary<string, string>
        {
            ["Drafting__MaxLiveTransactions"] = "2",
            ["Notifications__Signers__0__Address"] = World.Owners[0].Address,
            ["Notifications__Signers__0__Name"] = "Alice",
        });
        await Worker.RegisterProjectsAsync();
        Hash = await DraftAsync("browser", "7.25");
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container: no user namespaces for chromium's sandbox; /dev/shm may be small.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
    }

    public async Task<string> DraftAsync(string prefix, string amount) =>
        (await Worker.DraftAsync(prefix, amount)).GetProperty("safeTxHash").GetString()!;

    public async Task<JsonElement> TransactionAsync(string safeTxHash) =>
        await Json.ReadAsync(await Worker.Client.GetAsync($"api/transactions/{safeTxHash}"), HttpStatusCode.OK);
}

/// <summary>
/// The signer page in a real browser (issue 11): an injected EIP-1193 provider stands for the signer's wallet, its
/// <c>eth_signTypedData_v4</c> answered in .NET with a devnet owner's key (Nethereum's EIP-712 signer), so the page,
/// its script, the wallet protocol and the worker's signature endpoint are exercised as a signer would use them.
/// </summary>
public sealed class SignerPageBrowserTests(BrowserWorld world) : IClassFixture<BrowserWorld>
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_owners_connect_and_sign_in_the_browser_and_the_transaction_becomes_ready_to_execute()
    {
        string typedData = (await world.TransactionAsync(world.Hash)).GetProperty("typedData").GetRawText();
        for (int i = 0; i < 3; i++)
        {
            DevnetAccount owner = world.World.Owners[i];
            await using Wallet wallet = await Wallet.OpenAsync(world, owner.Address, owner.Key, world.World.Chain.ChainId, world.Hash);

            await wallet.Page.ClickAsync("#connect");
            await wallet.WaitForMessageAsync($"Connected as {owner.Address}");
            // Readable on a phone: nothing is wider than the 390 px screen, so the browser never zooms out.
            Assert.Equal(390, await wallet.Page.EvaluateExpressionAsync<int>("document.documentElement.scrollWidth"));
            await wallet.Page.ClickAsync("#sign");
            string answer = await wallet.WaitForMessageAsync("Signature accepted");

            Assert.Equal([typedData], wallet.SignRequests); // exactly the transaction's typed data, asked once
            JsonElement tx = await world.TransactionAsync(world.Hash);
            Assert.Contains(tx.GetProperty("signatures").EnumerateArray(), s =>
                string.Equals(s.GetProperty("owner").GetString(), owner.Address, StringComparison.OrdinalIgnoreCase)
                && s.GetProperty("type").GetString() == "Eip712");
            Assert.Contains($"{i + 1}/3 signatures", answer, StringComparison.Ordinal);
            Assert.Equal($"{i + 1}/3", await wallet.TextAsync("signature-count"));
            Assert.Contains(owner.Address, await wallet.TextAsync("signed-by"), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(owner.Address, await wallet.TextAsync("missing"), StringComparison.OrdinalIgnoreCase);
            if (i == 0)
            {
                await SaveScreenshotAsync(wallet.Page);
            }

            if (i == 2)
            {
                Assert.Equal("ReadyToExecute", tx.GetProperty("status").GetString());
                Assert.Contains("status ReadyToExecute", answer, StringComparison.Ordinal);
            }
        }

        // The first owner comes back: the page says there is nothing more to do and offers no second signature.
        await using Wallet again = await Wallet.OpenAsync(world, world.World.Owners[0].Address, world.World.Owners[0].Key, world.World.Chain.ChainId, world.Hash);
        await again.Page.ClickAsync("#connect");
        await again.WaitForMessageAsync("has already signed this transaction");
        Assert.True(await again.SignDisabledAsync());
    }

    [Fact]
    public async Task A_wallet_on_another_chain_is_refused_naming_both_chain_ids()
    {
        DevnetAccount owner = world.World.Owners[3];
        await using Wallet wallet = await Wallet.OpenAsync(world, owner.Address, owner.Key, chainId: 1, world.Hash);

        await wallet.Page.ClickAsync("#connect");
        string message = await wallet.WaitForMessageAsync("Your wallet is on chain 1");

        Assert.Contains($"this transaction is for chain {world.World.Chain.ChainId.ToString(CultureInfo.InvariantCulture)}", message, StringComparison.Ordinal);
        Assert.True(await wallet.SignDisabledAsync());
        Assert.Empty(wallet.SignRequests);
    }

    [Fact]
    public async Task An_account_that_is_not_an_owner_is_told_so_and_cannot_sign()
    {
        var stranger = EthECKey.GenerateKey();
        await using Wallet wallet = await Wallet.OpenAsync(world, stranger.GetPublicAddress(), stranger, world.World.Chain.ChainId, world.Hash);

        await wallet.Page.ClickAsync("#connect");
        await wallet.WaitForMessageAsync($"The account {stranger.GetPublicAddress()} is not an owner of this Safe");

        Assert.True(await wallet.SignDisabledAsync());
        Assert.Empty(wallet.SignRequests);
    }

    [Fact]
    public async Task A_transaction_cancelled_while_the_signer_looks_at_it_is_reported_as_no_longer_collecting()
    {
        string hash = await world.DraftAsync("browser-cancel", "1.5");
        DevnetAccount owner = world.World.Owners[4];
        await using Wallet wallet = await Wallet.OpenAsync(world, owner.Address, owner.Key, world.World.Chain.ChainId, hash);
        await wallet.Page.ClickAsync("#connect");
        await wallet.WaitForMessageAsync($"Connected as {owner.Address}");

        JsonElement cancelled = await Json.ReadAsync(
            await world.Worker.Client.SendAsync(AsAdmin(Post($"api/transactions/{hash}/cancel", """{"cancelAllocations":true}""", "application/json"))), HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        await wallet.Page.ClickAsync("#sign");
        string message = await wallet.WaitForMessageAsync("no longer collecting signatures");

        Assert.Contains("Cancelled", message, StringComparison.Ordinal); // the worker's 409 detail
        Assert.Empty((await world.TransactionAsync(hash)).GetProperty("signatures").EnumerateArray());

        // Opened afresh, the page says so before anyone connects, and connecting does not offer to sign.
        await wallet.Page.ReloadAsync();
        await wallet.WaitForMessageAsync("This transaction is no longer collecting signatures: it is Cancelled.");
        await wallet.Page.ClickAsync("#connect");
        await wallet.WaitForMessageAsync("no longer collecting signatures: it is Cancelled.");
        Assert.True(await wallet.SignDisabledAsync());
    }

    /// <summary>docs/signer-page.png: written when OSSFUNDING_WRITE_SCREENSHOT=1, else to the temp folder (so a run leaves the clone clean).</summary>
    private static async Task SaveScreenshotAsync(IPage page)
    {
        bool write = Environment.GetEnvironmentVariable("OSSFUNDING_WRITE_SCREENSHOT") == "1";
        string path = write ? RepositoryRoot.File("docs", "signer-page.png") : Path.Combine(Path.GetTempPath(), $"signer-page-{Guid.NewGuid():N}.png");
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, "the screenshot is empty");
        if (!write)
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A browser tab with an injected EIP-1193 provider for one account on one chain. Its typed-data signatures are made
    /// in .NET with the account's key through an exposed function, and each request is recorded.
    /// </summary>
    private sealed class Wallet : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> _errors = new();

        private readonly ConcurrentQueue<string> _policyViolations = new();

        private Wallet(IPage page) => Page = page;

        public IPage Page { get; }

        public ConcurrentQueue<string> SignRequests { get; } = new();

        public static async Task<Wallet> OpenAsync(BrowserWorld world, string address, EthECKey key, long chainId, string safeTxHash)
        {
            IPage page = await world.Browser.NewPageAsync();
            var wallet = new Wallet(page);
            page.PageError += (_, e) => wallet._errors.Enqueue(e.Message);
            page.Console += (_, e) => wallet.OnConsole(e.Message.Type.ToString(), e.Message.Text);
            await page.SetViewportAsync(new ViewPortOptions { Width = 390, Height = 844, IsMobile = true, DeviceScaleFactor = 1 });
            await page.ExposeFunctionAsync<string, string, string>("ossfundingTestSign", (account, typedData) =>
            {
                Assert.Equal(address, account, ignoreCase: true);
                wallet.SignRequests.Enqueue(typedData);
                return new Eip712TypedDataSigner().SignTypedDataV4(typedData, key);
            });
            // Every Content-Security-Policy violation (a blocked style, script or request) reaches the test, as an event
            // of the page and as chromium's console error.
            await page.ExposeFunctionAsync<string, bool>("ossfundingTestPolicyViolation", violation =>
            {
                wallet._policyViolations.Enqueue(violation);
                return true;
            });
            await page.EvaluateExpressionOnNewDocumentAsync(
                "document.addEventListener('securitypolicyviolation', e => window.ossfundingTestPolicyViolation(e.violatedDirective + ' blocked ' + e.blockedURI));");
            await page.EvaluateExpressionOnNewDocumentAsync(ProviderScript(address, chainId));
            IResponse response = await page.GoToAsync(new Uri(world.Worker.Client.BaseAddress!, $"sign/{safeTxHash}").ToString(), WaitUntilNavigation.Load);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            wallet.AssertNoPolicyViolation();
            return wallet;
        }

        /// <summary>The page loaded and did everything it did within its policy: nothing was blocked.</summary>
        public void AssertNoPolicyViolation() =>
            Assert.True(_policyViolations.IsEmpty, $"Content-Security-Policy violations: {string.Join(" | ", _policyViolations)}");

        private void OnConsole(string type, string text)
        {
            _errors.Enqueue($"console {type}: {text}");
            if (text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _policyViolations.Enqueue(text);
            }
        }

        public async Task<string> WaitForMessageAsync(string fragment)
        {
            DateTime deadline = DateTime.UtcNow + MessageTimeout;
            string text = "";
            while (DateTime.UtcNow < deadline)
            {
                text = await TextAsync("message");
                if (text.Contains(fragment, StringComparison.Ordinal))
                {
                    return text;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"the page never said \"{fragment}\"; it says \"{text}\"; page errors: {string.Join(" | ", _errors)}");
        }

        public Task<string> TextAsync(string id) =>
            Page.EvaluateFunctionAsync<string>("id => document.getElementById(id).textContent", id);

        public Task<bool> SignDisabledAsync() => Page.EvaluateExpressionAsync<bool>("document.getElementById('sign').disabled");

        /// <summary>Closes the tab; what the test did there (posting a signature included) must not have hit the policy.</summary>
        public async ValueTask DisposeAsync()
        {
            await Page.CloseAsync();
            AssertNoPolicyViolation();
        }

        // What a wallet extension injects, reduced to the calls the page makes. Values are JSON-encoded into the script.
        private static string ProviderScript(string address, long chainId) => $$"""
            window.ethereum = {
              request: async ({ method, params }) => {
                switch (method) {
                  case 'eth_requestAccounts': return [{{JsonSerializer.Serialize(address)}}];
                  case 'eth_chainId': return {{JsonSerializer.Serialize("0x" + chainId.ToString("x", CultureInfo.InvariantCulture))}};
                  case 'eth_signTypedData_v4': return await window.ossfundingTestSign(params[0], params[1]);
                  default: throw Object.assign(new Error('unsupported method ' + method), { code: 4200 });
                }
              },
            };
            """;
    }
}
