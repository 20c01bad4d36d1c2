using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.Contracts.ContractHandlers;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using OssFunding.Safe.Contracts.Abi;
using OssFunding.Safe.Transactions;

namespace OssFunding.Safe.Contracts;

/// <summary>
/// Reads and calls one Safe (1.3.0, 1.4.1 or 1.5.0) through its ABI. Reads take an optional block so callers can
/// read at a confirmed height rather than the head. Writes need a Web3 with an account.
/// </summary>
public sealed class SafeContract
{
    private readonly ContractHandler _handler;

    public SafeContract(IWeb3 web3, string address)
    {
        ArgumentNullException.ThrowIfNull(web3);
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(address))
        {
            throw new ArgumentException($"'{address}' is not a 20-byte hex address.", nameof(address));
        }

        Address = AddressUtil.Current.ConvertToChecksumAddress(address);
        _handler = web3.Eth.GetContractHandler(Address);
    }

    public string Address { get; }

    public Task<BigInteger> GetNonceAsync(BlockParameter? block = null)
        => _handler.QueryAsync<NonceFunction, BigInteger>(new NonceFunction(), block);

    public async Task<int> GetThresholdAsync(BlockParameter? block = null)
        => (int)await _handler.QueryAsync<GetThresholdFunction, BigInteger>(new GetThresholdFunction(), block);

    /// <summary>Owners as the contract lists them (most recently added first), checksummed.</summary>
    public async Task<IReadOnlyList<string>> GetOwnersAsync(BlockParameter? block = null)
    {
        var owners = await _handler.QueryAsync<GetOwnersFunction, List<string>>(new GetOwnersFunction(), block);
        return [.. owners.Select(AddressUtil.Current.ConvertToChecksumAddress)];
    }

    public Task<bool> IsOwnerAsync(string owner, BlockParameter? block = null)
        => _handler.QueryAsync<IsOwnerFunction, bool>(new IsOwnerFunction { Owner = owner }, block);

    /// <summary>The raw <c>VERSION()</c> string, e.g. "1.4.1".</summary>
    public Task<string> GetVersionStringAsync(BlockParameter? block = null)
        => _handler.QueryAsync<VersionFunction, string>(new VersionFunction(), block);

    /// <summary>The version, refusing any the worker does not support.</summary>
    public async Task<SafeVersion> GetVersionAsync(BlockParameter? block = null)
        => SafeVersions.Parse(await GetVersionStringAsync(block));

    public Task<byte[]> GetDomainSeparatorAsync(BlockParameter? block = null)
        => _handler.QueryAsync<DomainSeparatorFunction, byte[]>(new DomainSeparatorFunction(), block);

    /// <summary>Whether <paramref name="owner"/> has called <c>approveHash(hash)</c> (approvedHashes ≠ 0).</summary>
    public async Task<bool> IsHashApprovedAsync(string owner, byte[] hash, BlockParameter? block = null)
    {
        var approved = await _handler.QueryAsync<ApprovedHashesFunction, BigInteger>(
            new ApprovedHashesFunction { Owner = owner, Hash = RequireHash(hash) }, block);
        return !approved.IsZero;
    }

    /// <summary>The contract's own SafeTx hash: the reference the worker's EIP-712 hashing is checked against.</summary>
    public Task<byte[]> GetTransactionHashAsync(GetTransactionHashFunction transaction, BlockParameter? block = null)
        => _handler.QueryAsync<GetTransactionHashFunction, byte[]>(transaction, block);

    /// <summary>
    /// <c>checkSignatures</c> via <c>eth_call</c>: valid, or the contract's revert reason (GS0xx). Any other
    /// failure (node down, not a Safe) is thrown, never reported as "invalid".
    /// </summary>
    public async Task<SignatureCheckResult> CheckSignaturesAsync(byte[] dataHash, byte[] data, byte[] signatures, BlockParameter? block = null)
    {
        var check = new CheckSignaturesFunction { DataHash = RequireHash(dataHash), Data = data, Signatures = signatures };
        try
        {
            await _handler.QueryRawAsync<CheckSignaturesFunction>(check, block);
            return SignatureCheckResult.Valid;
        }
        catch (SmartContractRevertException revert)
        {
            return SignatureCheckResult.Invalid(revert.RevertMessage);
        }
        catch (SmartContractCustomErrorRevertException revert)
        {
            return SignatureCheckResult.Invalid(revert.Message);
        }
    }

    /// <summary>Sends <c>approveHash(hash)</c> from the Web3's account (which must be an owner).</summary>
    public Task<TransactionReceipt> ApproveHashAsync(byte[] hash)
        => _handler.SendRequestAndWaitForReceiptAsync(new ApproveHashFunction { HashToApprove = RequireHash(hash) });

    /// <summary>Sends <c>execTransaction</c> and returns the mined receipt (which may show a revert: check Status).</summary>
    public Task<TransactionReceipt> ExecTransactionAsync(ExecTransactionFunction transaction)
        => _handler.SendRequestAndWaitForReceiptAsync(transaction);

    private static byte[] RequireHash(byte[] hash)
        => hash is { Length: 32 } ? hash : throw new ArgumentException($"Expected a 32-byte hash, got {hash?.Length ?? 0} bytes.", nameof(hash));
}

/// <summary>Outcome of the contract's <c>checkSignatures</c>.</summary>
public sealed record SignatureCheckResult(bool IsValid, string? RevertReason)
{
    public static SignatureCheckResult Valid { get; } = new(true, null);

    public static SignatureCheckResult Invalid(string? reason) => new(false, reason);
}
