using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OssFunding.Core.Allocations;

namespace OssFunding.Worker.Api;

/// <summary>RFC 7807 problem+json results used by the endpoints. <c>detail</c> always says what is wrong.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, object? errors = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request", extensions: Errors(errors));

    /// <summary>An import file was refused as a whole; <c>errors</c> lists each problem with its line and column.</summary>
    public static ProblemHttpResult ImportRefused(ImportOutcome outcome) =>
        BadRequest(
            outcome.Message,
            outcome.Errors.Select(e => new { line = e.Line, column = e.Column, reason = e.Reason, message = e.ToString() }).ToList());

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    private static Dictionary<string, object?>? Errors(object? errors) =>
        errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors };
}
