using System.Net;

namespace OssFunding.Pipeline.TransactionService;

/// <summary>What went wrong talking to the Safe Transaction Service.</summary>
public enum ServiceFailure
{
    /// <summary>401/403: the API key (<c>Signing:ApiKey</c>) was refused or missing.</summary>
    Unauthorized,

    /// <summary>404: the Safe or transaction is not known to the service.</summary>
    NotFound,

    /// <summary>400/422: the service refused the request; <see cref="TransactionServiceException.Message"/> carries its reasons.</summary>
    Rejected,

    /// <summary>429 still after every retry.</summary>
    RateLimited,

    /// <summary>5xx, a timeout or no connection, still after every retry.</summary>
    Unavailable,

    /// <summary>A 2xx answer the worker cannot read.</summary>
    BadAnswer,
}

/// <summary>A failed call to the Safe Transaction Service. Messages name the operation and the service's own reasons, never the API key.</summary>
public sealed class TransactionServiceException : Exception
{
    public TransactionServiceException(ServiceFailure failure, string operation, HttpStatusCode? status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Operation = operation;
        Status = status;
    }

    public ServiceFailure Failure { get; }

    /// <summary>Which call failed, e.g. "propose 0xabc…".</summary>
    public string Operation { get; }

    public HttpStatusCode? Status { get; }

    /// <summary>Retrying later may succeed (rate limit, outage); the other failures need someone to act.</summary>
    public bool IsTransient => Failure is ServiceFailure.RateLimited or ServiceFailure.Unavailable;
}
