using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssFunding.Core.Configuration;
using OssFunding.Worker.Configuration;
using Serilog;

namespace OssFunding.Worker.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>Kestrel on <c>Api:Urls</c> with the body limit, camelCase JSON with string enums and decimals, problem+json errors.</summary>
    public static WebApplicationBuilder AddWorkerApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(ApiUrls.Split(builder.Configuration[$"{ApiOptions.Section}:Urls"] ?? new ApiOptions().Urls));
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxBodyBytes);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.Converters.Add(new DecimalStringJsonConverter());
        });

        // Binding failures (e.g. ?dryRun=maybe) throw, so they get the same problem+json as every other bad request.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    public static WebApplication UseWorkerApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSerilogRequestLogging();
        app.UseRouting();
        return app;
    }

    public static WebApplication MapWorkerApi(this WebApplication app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").AddEndpointFilter<ApiAccessFilter>();
        api.MapStatusEndpoints();
        api.MapAllocationEndpoints();
        api.MapProjectEndpoints();
        return app;
    }
}
