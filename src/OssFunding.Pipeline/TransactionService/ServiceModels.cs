using System.Text.Json.Serialization;

namespace OssFunding.Pipeline.TransactionService;

// The Safe Transaction Service's JSON shapes (Django REST framework with camelCase rendering and parsing), as read from
// safe-global/safe-transaction-service: history/serializers.py (SafeMultisigTransactionSerializer for proposals,
// SafeMultisigConfirmationResponseSerializer, SafeMultisigTransactionResponseSerializerV2) and history/pagination.py
// (LimitOffsetPagination: count/next/previous/results, at most 200 per page). Only the fields the worker uses are mapped.

/// <summary>
/// Body of <c>POST /api/v2/safes/{safe}/multisig-transactions/</c>. Numbers go as base-10 strings (uint256 does not fit
/// a JSON number; DRF's IntegerField accepts strings). The service recomputes the SafeTx hash from these fields and the
/// Safe's domain and refuses the proposal unless it equals <see cref="ContractTransactionHash"/>.
/// </summary>
public sealed record ProposalRequest(
    string To,
    string Value,
    string? Data,
    int Operation,
    string SafeTxGas,
    string BaseGas,
    string GasPrice,
    string GasToken,
    string RefundReceiver,
    string Nonce,
    string ContractTransactionHash,
    string Sender,
    string Signature,
    string Origin);

/// <summary>Body of <c>POST /api/v1/multisig-transactions/{safeTxHash}/confirmations/</c>.</summary>
public sealed record ConfirmationRequest(string Signature);

/// <summary>
/// One confirmation as the service lists it. <see cref="SignatureType"/> is the name of safe-eth-py's SafeSignatureType
/// (CONTRACT_SIGNATURE, APPROVED_HASH, EOA, ETH_SIGN). The worker never trusts it: every signature is verified locally.
/// </summary>
public sealed record ServiceConfirmation(
    string Owner,
    string Signature,
    string? SignatureType,
    DateTimeOffset? SubmissionDate,
    string? TransactionHash);

/// <summary>A multisig transaction of the v2 list. In v2 <c>nonce</c>, <c>safeTxGas</c> and <c>baseGas</c> are strings.</summary>
public sealed record ServiceTransaction(
    string Safe,
    string To,
    string Value,
    string? Data,
    int Operation,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long Nonce,
    string SafeTxHash,
    bool IsExecuted,
    string? Proposer,
    IReadOnlyList<ServiceConfirmation>? Confirmations);

/// <summary>A page of a list endpoint.</summary>
public sealed record ServicePage<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results);

/// <summary>
/// Body of <c>POST /api/v2/delegates/</c> (history/serializers.py DelegateSerializerV2): the Safe (null would mean every
/// Safe of the delegator), the delegate, the owner who delegates, their signature of <see cref="DelegateTypedData"/>,
/// and a label of at most 50 characters.
/// </summary>
public sealed record DelegateRequest(string? Safe, string Delegate, string Delegator, string Signature, string Label);

/// <summary>One delegate as <c>GET /api/v2/delegates/</c> lists it (SafeDelegateResponseSerializer).</summary>
public sealed record ServiceDelegate(string? Safe, string Delegate, string Delegator, string Label, DateTimeOffset? ExpiryDate);
