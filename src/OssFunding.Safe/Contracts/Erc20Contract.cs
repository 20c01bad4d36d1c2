using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Contracts.ContractHandlers;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using OssFunding.Safe.Contracts.Abi;

namespace OssFunding.Safe.Contracts;

/// <summary>Reads and transfers one ERC-20 token. Amounts are in base units.</summary>
public sealed class Erc20Contract
{
    private readonly ContractHandler _handler;

    public Erc20Contract(IWeb3 web3, string address)
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

    public Task<BigInteger> BalanceOfAsync(string account, BlockParameter? block = null)
        => _handler.QueryAsync<BalanceOfFunction, BigInteger>(new BalanceOfFunction { Account = account }, block);

    public Task<byte> DecimalsAsync()
        => _handler.QueryAsync<DecimalsFunction, byte>(new DecimalsFunction());

    public Task<string> SymbolAsync()
        => _handler.QueryAsync<SymbolFunction, string>(new SymbolFunction());

    /// <summary>Sends <c>transfer(to, amount)</c> from the Web3's account.</summary>
    public Task<TransactionReceipt> TransferAsync(string to, BigInteger amount)
        => _handler.SendRequestAndWaitForReceiptAsync(new TransferFunction { To = to, Amount = amount });

    /// <summary>Calldata of <c>transfer(to, amount)</c>, as a Safe transaction's data.</summary>
    public static byte[] EncodeTransfer(string to, BigInteger amount)
        => new TransferFunction { To = to, Amount = amount }.GetCallData();
}
