// Written from contracts-abi/safe-1.3.0/MultiSendCallOnly.json and
// contracts-abi/safe-1.4.1/ and safe-1.5.0/MultiSendCallOnly.json (identical interface). No logic here.
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace OssFunding.Safe.Contracts.Abi;

/// <summary><c>multiSend(bytes transactions)</c>: packed (operation, to, value, dataLength, data) entries.</summary>
[Function("multiSend")]
public sealed class MultiSendFunction : FunctionMessage
{
    [Parameter("bytes", "transactions", 1)]
    public byte[] Transactions { get; set; } = [];
}
