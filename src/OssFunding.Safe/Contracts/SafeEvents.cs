using System.Numerics;

namespace OssFunding.Safe.Contracts;

/// <summary>Where a log sits on chain: enough to store it uniquely (tx hash, log index) and to detect reorgs (block hash).</summary>
public sealed record LogLocation(string ContractAddress, BigInteger BlockNumber, string BlockHash, string TransactionHash, BigInteger LogIndex);

/// <summary>A decoded Safe log, the same shape for 1.3.0, 1.4.1 and 1.5.0. Hashes are 0x-prefixed lowercase hex.</summary>
public abstract record SafeEvent(LogLocation Location);

/// <summary><c>ExecutionSuccess</c> (<paramref name="Succeeded"/>) or <c>ExecutionFailure</c>: the nonce was used either way.</summary>
public sealed record SafeExecutionEvent(LogLocation Location, string SafeTxHash, BigInteger Payment, bool Succeeded) : SafeEvent(Location);

/// <summary>The L2 singleton's <c>SafeMultiSigTransaction</c>: the full SafeTx as executed, with nonce, sender and threshold.</summary>
public sealed record SafeMultiSigTransactionLogged(
    LogLocation Location,
    string To,
    BigInteger Value,
    byte[] Data,
    byte Operation,
    BigInteger SafeTxGas,
    BigInteger BaseGas,
    BigInteger GasPrice,
    string GasToken,
    string RefundReceiver,
    byte[] Signatures,
    BigInteger Nonce,
    string Sender,
    BigInteger Threshold) : SafeEvent(Location);

public sealed record SafeHashApprovedEvent(LogLocation Location, string ApprovedHash, string Owner) : SafeEvent(Location);

public sealed record SafeOwnerAddedEvent(LogLocation Location, string Owner) : SafeEvent(Location);

public sealed record SafeOwnerRemovedEvent(LogLocation Location, string Owner) : SafeEvent(Location);

public sealed record SafeThresholdChangedEvent(LogLocation Location, BigInteger Threshold) : SafeEvent(Location);

/// <summary>An ERC-20 <c>Transfer</c> log; <see cref="Token"/> is the emitting contract.</summary>
public sealed record Erc20TransferEvent(LogLocation Location, string Token, string From, string To, BigInteger Value);
