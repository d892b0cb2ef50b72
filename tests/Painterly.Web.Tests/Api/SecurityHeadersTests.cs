using Painterly.Web.Tests.Infrastructure;

namespace Painterly.Web.Tests.Api;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/api/styles")]
    [InlineData("/api/styles/nope/inspect")]
    public async Task Every_response_carries_the_security_and_isolation_headers(string path)
    {
        await using var app = await TestApp.InMemoryAsync();
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
        string csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("'wasm-unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Equal("require-corp", Header(response, "Cross-Origin-Embedder-Policy"));
    }

    [Theory]
    [InlineData("/lib/ort/ort.min.mjs", "text/javascript")]
    [InlineData("/lib/ort/ort-wasm-simd-threaded.jsep.mjs", "text/javascript")]
    [InlineData("/lib/ort/ort-wasm-simd-threaded.jsep.wasm", "application/wasm")]
    [InlineData("/", "text/html")]
    public async Task The_page_and_onnxruntime_web_are_served_locally(string path, string mediaType)
    {
        await using var app = await TestApp.InMemoryAsync();
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_page_loads_nothing_from_other_origins()
    {
        await using var app = await TestApp.InMemoryAsync();
        string html = await app.Client.GetStringAsync("/");
        Assert.DoesNotContain("//", html.Replace("<!doctype html>", "", StringComparison.Ordinal).Split("<main>")[0], StringComparison.Ordinal);
        Assert.Contains("capture=\"environment\"", html, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"missing header {name}");
}
