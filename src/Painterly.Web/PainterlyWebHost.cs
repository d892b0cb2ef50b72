using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Painterly.Web.Endpoints;
using Painterly.Web.Serving;
using Painterly.Web.Styles;

namespace Painterly.Web;

/// <summary>Builds the Painterly web app: services, limits, headers, static page and API.</summary>
public static class PainterlyWebHost
{
    /// <summary>The folder of the page's files, copied beside the program that references Painterly.Web.</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>A builder with Painterly's services registered; the caller may still configure the host (URLs, test server).</summary>
    public static WebApplicationBuilder CreateBuilder(PainterlyWebOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], WebRootPath = WebRoot, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<StyleStore>();
        builder.Services.AddSingleton<WorkGate>();
        return builder;
    }

    /// <summary>Builds the app from <paramref name="builder"/> and maps the page and the API.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = ContentTypes(), FileProvider = new PhysicalFileProvider(WebRoot) });
        app.MapStyleEndpoints();
        app.MapStylizeEndpoint();
        app.MapConvertEndpoint();
        // Anything else under /api is a JSON 404, not the page.
        app.Map("/api/{**rest}", () => ApiError.Result(StatusCodes.Status404NotFound, "no such API; see the README's 'painterly serve' section."));
        return app;
    }

    // .mjs and .wasm must carry script and wasm types: browsers refuse modules and streaming compilation otherwise.
    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".wasm"] = "application/wasm";
        return provider;
    }
}
