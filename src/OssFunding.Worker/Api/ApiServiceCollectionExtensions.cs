using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Api.RateLimits;
using OssFunding.Worker.Configuration;
using OssFunding.Worker.Logging;
using OssFunding.Worker.ResponseHeaders;
using Serilog;

namespace OssFunding.Worker.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>Kestrel on <c>Api:Urls</c> with the body limit, camelCase JSON with string enums and decimals, problem+json errors.</summary>
    public static WebApplicationBuilder AddWorkerApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(ApiUrls.Split(builder.Configuration[$"{ApiOptions.Section}:Urls"] ?? new ApiOptions().Urls));
        // Kestrel is created when the app is built, before the options validation reports problems; so the raw value is
        // read here and a bad one left to the validation, which stops the start before Kestrel listens.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((kestrel, configuration) =>
            kestrel.Limits.MaxRequestBodySize = long.TryParse(configuration[$"{ApiOptions.Section}:MaxBodyBytes"], out long max) && max > 0
                ? max
                : new ApiOptions().MaxBodyBytes);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.Converters.Add(new DecimalStringJsonConverter());
        });

        // Binding failures (e.g. ?dryRun=maybe) throw, so they get the same problem+json as every other bad request.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= DefaultDetail(context.HttpContext, context.ProblemDetails.Status);
            RequestLog.NoteReason(context.HttpContext, context.ProblemDetails.Detail);
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddWorkerRateLimits();
        return builder;
    }

    /// <summary>Problems the framework writes (unknown route, unexpected error) say what happened too.</summary>
    private static string DefaultDetail(HttpContext http, int? status) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing at {http.Request.Method} {http.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
        >= 500 => $"The worker failed to handle the request; its log has the details under trace id {http.TraceIdentifier}.",
        _ => ReasonPhrases.GetReasonPhrase(status ?? StatusCodes.Status400BadRequest),
    };

    public static WebApplication UseWorkerApi(this WebApplication app)
    {
        app.UseWorkerResponseHeaders();
        app.UseWorkerClientAddresses();
        // Outside the exception handler: the request log sees the status the handler answered (413, 400), not the
        // exception it handled (which alone reads as a 500).
        app.UseSerilogRequestLogging(RequestLog.Configure);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapWorkerApi(this WebApplication app)
    {
        // Every /api route: the access rule, UTF-8 bodies, the write rate limit (reads pass the limiter untouched), HEAD for GET.
        RouteGroupBuilder api = app.MapGroup("/api").AddEndpointFilter<ApiAccessFilter>().AddEndpointFilter<Utf8BodyFilter>()
            .RequireRateLimiting(WriteRateLimitPolicy.Name).AnswerHeadOnEveryGet();
        api.MapStatusEndpoints();
        api.MapAllocationEndpoints();
        api.MapProjectEndpoints();
        api.MapPipelineEndpoints();
        api.MapCancelEndpoints();
        api.MapReportEndpoints();
        return app;
    }
}
