// The signer page's script (served by the worker itself from its own build, no library, no other origin).
// It talks to the signer's wallet through the injected EIP-1193 provider (window.ethereum: MetaMask, Rabby, Frame,
// hardware wallets through them), asks it to sign exactly the transaction's typed data, and posts the signature to
// the worker's token-free signature endpoint. The worker checks everything again: this script only spares the signer
// a request that cannot succeed and says why.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('signer-data').textContent);
  var connectButton = document.getElementById('connect');
  var signButton = document.getElementById('sign');
  var message = document.getElementById('message');
  var accountLine = document.getElementById('account');
  var account = null;

  function say(text, kind) {
    message.textContent = text; // textContent: whatever a wallet or the worker answers is shown as text, never as HTML
    message.className = 'message ' + (kind || '');
  }

  function sameAddress(a, b) {
    return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
  }

  function isOneOf(address, list) {
    return list.some(function (item) { return sameAddress(item, address); });
  }

  function wallet() {
    var provider = window.ethereum;
    return provider && typeof provider.request === 'function' ? provider : null;
  }

  function errorText(error) {
    if (error && typeof error.message === 'string') {
      return error.message;
    }
    return String(error);
  }

  function notCollecting(status) {
    return 'This transaction is no longer collecting signatures: it is ' + status + '.';
  }

  async function chainMatches(provider) {
    var chainId = parseInt(await provider.request({ method: 'eth_chainId' }), 16);
    if (chainId !== data.chainId) {
      say('Your wallet is on chain ' + chainId + ', but this transaction is for chain ' + data.chainId +
          '. Switch the wallet to chain ' + data.chainId + ' and connect again.', 'error');
      return false;
    }
    return true;
  }

  async function connect() {
    var provider = wallet();
    signButton.disabled = true;
    account = null;
    if (!provider) {
      say('No wallet found in this browser: install or unlock MetaMask, Rabby or Frame, then reload this page.', 'error');
      return;
    }
    try {
      var accounts = await provider.request({ method: 'eth_requestAccounts' });
      if (!accounts || accounts.length === 0) {
        say('The wallet shared no account.', 'error');
        return;
      }
      if (!(await chainMatches(provider))) {
        return;
      }
      var connected = accounts[0];
      accountLine.textContent = 'Connected account: ' + connected;
      if (!isOneOf(connected, data.owners)) {
        say('The account ' + connected + ' is not an owner of this Safe: only its owners can sign. Switch to an owner account and connect again.', 'error');
        return;
      }
      if (isOneOf(connected, data.signed)) {
        say('The account ' + connected + ' has already signed this transaction: nothing more to do.', 'ok');
        return;
      }
      if (!data.collecting) {
        say(notCollecting(data.status), 'warn');
        return;
      }
      account = connected;
      signButton.disabled = false;
      say('Connected as ' + connected + '. Check the payments and the safeTxHash your wallet shows, then press Sign.', 'ok');
    } catch (error) {
      say('The wallet did not connect: ' + errorText(error), 'error');
    }
  }

  async function sign() {
    var provider = wallet();
    if (!provider || !account) {
      return;
    }
    signButton.disabled = true;
    var signature;
    try {
      if (!(await chainMatches(provider))) {
        return;
      }
      say('Waiting for your wallet to sign…', '');
      signature = await provider.request({ method: 'eth_signTypedData_v4', params: [account, data.typedData] });
    } catch (error) {
      say('The wallet did not sign: ' + errorText(error), 'error');
      signButton.disabled = false;
      return;
    }
    await post(signature);
  }

  async function post(signature) {
    var response;
    var body = {};
    try {
      response = await fetch(data.signaturesUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ signature: signature }),
        credentials: 'omit',
      });
      body = await response.json().catch(function () { return {}; });
    } catch (error) {
      say('The signature could not be sent to the worker: ' + errorText(error) + '. Press Sign to try again.', 'error');
      signButton.disabled = false;
      return;
    }
    show(response, body);
  }

  function show(response, body) {
    var detail = typeof body.detail === 'string' ? body.detail : '';
    switch (response.status) {
      case 201:
      case 200:
        update(body);
        say((response.status === 201 ? 'Signature accepted: ' : 'This signature was already recorded: ') +
            body.signatures.length + '/' + body.threshold + ' signatures, status ' + body.status + '.', 'ok');
        break;
      case 403:
        say('The worker refused the signature: it does not come from an owner of this Safe for this transaction. ' + detail, 'error');
        break;
      case 409:
        say('This transaction is no longer collecting signatures. ' + detail, 'warn');
        break;
      case 429:
        say('Too many requests from this address: wait ' + (response.headers.get('Retry-After') || 'a few') + ' seconds and press Sign again.', 'error');
        signButton.disabled = false;
        break;
      default:
        say('The worker refused the signature (' + response.status + '): ' + detail, 'error');
    }
  }

  function update(tx) {
    data.signed = tx.signatures.map(function (s) { return s.owner; });
    data.status = tx.status;
    document.getElementById('signature-count').textContent = tx.signatures.length + '/' + tx.threshold;
    document.getElementById('status').textContent = tx.status;
    document.getElementById('signed-by').textContent = data.signed.length === 0 ? 'nobody' : data.signed.join(', ');
    document.getElementById('missing').textContent = tx.missingOwners.length === 0 ? 'nobody' : tx.missingOwners.join(', ');
  }

  connectButton.addEventListener('click', connect);
  signButton.addEventListener('click', sign);
  if (!wallet()) {
    say('No wallet found in this browser: install or unlock MetaMask, Rabby or Frame, then reload this page.', 'warn');
  }
  var provider = wallet();
  if (provider && typeof provider.on === 'function') {
    // A wallet that switches account or chain invalidates what Connect checked.
    provider.on('accountsChanged', function () { account = null; signButton.disabled = true; say('The wallet account changed: connect again.', 'warn'); });
    provider.on('chainChanged', function () { account = null; signButton.disabled = true; say('The wallet chain changed: connect again.', 'warn'); });
  }
})();
