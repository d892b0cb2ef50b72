using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Painterly.Web.Tests.Infrastructure;

/// <summary>The web app started for a test: in memory (test server) or on a loopback socket (for Chromium).</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, HttpClient client, Uri address)
    {
        App = app;
        Client = client;
        Address = address;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public Uri Address { get; }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The app on the ASP.NET Core test server (no socket).</summary>
    public static async Task<TestApp> InMemoryAsync(PainterlyWebOptions? options = null)
    {
        var builder = PainterlyWebHost.CreateBuilder(options ?? new PainterlyWebOptions { ModelsFolder = TestModels.Small });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = PainterlyWebHost.Build(builder);
        await app.StartAsync();
        return new TestApp(app, app.GetTestClient(), new Uri("http://localhost/"));
    }

    /// <summary>The app on Kestrel at 127.0.0.1 with a free port: Chromium needs a real socket.</summary>
    public static async Task<TestApp> OnLoopbackAsync(PainterlyWebOptions? options = null)
    {
        var builder = PainterlyWebHost.CreateBuilder(options ?? new PainterlyWebOptions { ModelsFolder = TestModels.Small });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = PainterlyWebHost.Build(builder);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new TestApp(app, new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) }, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
