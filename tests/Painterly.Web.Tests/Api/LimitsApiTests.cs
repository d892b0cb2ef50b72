using System.Net;
using System.Net.Http.Headers;
using Painterly.Web.Serving;
using Painterly.Web.Tests.Infrastructure;
using CoreTestImages = Painterly.Core.Tests.Images.TestImages;

namespace Painterly.Web.Tests.Api;

/// <summary>The README's server limits, over HTTP: 25 MB bodies, 16 MP images, the queue's 30 s wait, forms only.</summary>
public sealed class LimitsApiTests
{
    [Fact]
    public void The_defaults_are_the_documented_25_MB_16_MP_and_30_s()
    {
        var options = new PainterlyWebOptions();

        Assert.Equal(25L * 1024 * 1024, options.MaxRequestBytes);
        Assert.Equal(16_000_000L, options.MaxPixels);
        Assert.Equal(TimeSpan.FromSeconds(30), options.QueueTimeout);
    }

    [Fact]
    public async Task With_the_defaults_a_body_over_25_MB_is_413_and_one_just_under_is_not()
    {
        await using var app = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = TestModels.Small });
        const int megabyte = 1024 * 1024;

        using var over = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(new byte[(25 * megabyte) + 1], "mobile"));
        using var under = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(new byte[(25 * megabyte) - 4096], "mobile"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Contains("25 MB", await StylizeApiTests.ErrorOf(over), StringComparison.Ordinal);
        // Not an image, but within the limit: read and refused for what it is.
        Assert.Equal(HttpStatusCode.BadRequest, under.StatusCode);
    }

    [Fact]
    public async Task With_the_defaults_an_image_over_16_MP_is_refused_from_its_header()
    {
        await using var app = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = TestModels.Small });

        using var over = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(CoreTestImages.PngHeader(4001, 4000), "mobile"));
        using var at = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(CoreTestImages.PngHeader(4000, 4000), "mobile"));

        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("4001", await StylizeApiTests.ErrorOf(over), StringComparison.Ordinal);
        // 16,000,000 pixels pass the limit; the header-only file then fails to decode, for another reason.
        Assert.Equal(HttpStatusCode.BadRequest, at.StatusCode);
        Assert.DoesNotContain("4000x4000", await StylizeApiTests.ErrorOf(at), StringComparison.Ordinal);
        Assert.DoesNotContain("16", await StylizeApiTests.ErrorOf(at), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_refuses_an_oversize_model_with_413()
    {
        await using var app = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxRequestBytes = 64 * 1024 });

        using var response = await app.Client.PostAsync("/api/models/convert", new MultipartFormDataContent { { new ByteArrayContent(new byte[200 * 1024]), "model", "big.safetensors" } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MB", await StylizeApiTests.ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_waiting_in_the_queue_past_its_timeout_is_503_and_one_released_in_time_runs()
    {
        // The 30 s of the README, shortened by the option it is read from.
        var options = new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxConcurrency = 1, MaxQueue = 1, QueueTimeout = TimeSpan.FromMilliseconds(500) };
        await using var app = await TestApp.InMemoryAsync(options);
        var gate = app.Service<WorkGate>();

        using (var held = await gate.TryEnterAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            using var timedOut = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(TestImages.Png(16, 16), "mobile"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, timedOut.StatusCode);
            Assert.True(timedOut.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        await using var patient = await TestApp.InMemoryAsync(options with { QueueTimeout = TimeSpan.FromSeconds(30) });
        var held2 = await patient.Service<WorkGate>().TryEnterAsync(CancellationToken.None);
        Assert.NotNull(held2);
        var waiting = patient.Client.PostAsync("/api/stylize", StylizeApiTests.Form(TestImages.Png(16, 16), "mobile"));
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "the request did not wait for the slot");
        held2!.Dispose();
        using var served = await waiting;
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [InlineData("/api/stylize", "application/json", "{\"style\":\"mobile\"}")]
    [InlineData("/api/stylize", "image/png", "not really a png")]
    [InlineData("/api/models/convert", "application/octet-stream", "model bytes")]
    [InlineData("/api/models/convert", "text/plain", "")]
    public async Task Bodies_that_are_not_multipart_forms_are_400_with_a_json_error(string path, string mediaType, string body)
    {
        await using var app = await TestApp.InMemoryAsync();
        var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        using var response = await app.Client.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("multipart/form-data", await StylizeApiTests.ErrorOf(response), StringComparison.Ordinal);
    }
}
