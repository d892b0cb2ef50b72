using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Painterly.Web.Serving;
using Painterly.Web.Tests.Infrastructure;

namespace Painterly.Web.Tests.Api;

public sealed class StylizeApiTests
{
    [Fact]
    public async Task Stylize_returns_a_png_of_the_input_size()
    {
        await using var app = await TestApp.InMemoryAsync();
        byte[] photo = TestImages.Png(50, 38);
        using var response = await app.Client.PostAsync("/api/stylize", Form(photo, "mobile"));
        response.EnsureSuccessStatusCode();
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        byte[] png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((50, 38), TestImages.SizeOf(png));
        Assert.NotEqual(photo, png);
    }

    [Fact]
    public async Task Strength_zero_gives_back_the_photo()
    {
        await using var app = await TestApp.InMemoryAsync();
        byte[] photo = TestImages.Png(40, 40);
        using var response = await app.Client.PostAsync("/api/stylize", Form(photo, "mobile", ("strength", "0"), ("preserveColor", "true")));
        response.EnsureSuccessStatusCode();
        using var expected = SkiaSharp.SKBitmap.Decode(photo);
        using var actual = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected.GetPixel(7, 31), actual.GetPixel(7, 31));
    }

    [Theory]
    [InlineData("strength", "2")]
    [InlineData("strength", "much")]
    [InlineData("preserveColor", "maybe")]
    public async Task Bad_options_are_400(string name, string value)
    {
        await using var app = await TestApp.InMemoryAsync();
        using var response = await app.Client.PostAsync("/api/stylize", Form(TestImages.Png(16, 16), "mobile", (name, value)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(name, await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_style_is_404()
    {
        await using var app = await TestApp.InMemoryAsync();
        using var response = await app.Client.PostAsync("/api/stylize", Form(TestImages.Png(16, 16), "../mobile"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Not_an_image_is_400_with_one_line()
    {
        await using var app = await TestApp.InMemoryAsync();
        using var response = await app.Client.PostAsync("/api/stylize", Form("hello"u8.ToArray(), "mobile"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = await ErrorOf(response);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task Too_many_pixels_is_400_with_a_one_line_json_error()
    {
        await using var app = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxPixels = 1000 });
        using var response = await app.Client.PostAsync("/api/stylize", Form(TestImages.Png(40, 30), "mobile"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain('\n', body);
        string error = await ErrorOf(response);
        Assert.Contains("40", error, StringComparison.Ordinal);
        Assert.Contains("30", error, StringComparison.Ordinal);
        Assert.DoesNotContain("--max-pixels", error, StringComparison.Ordinal);
        Assert.Contains("smaller image", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversize_body_is_413()
    {
        await using var app = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxRequestBytes = 64 * 1024 });
        using var response = await app.Client.PostAsync("/api/stylize", Form(new byte[200 * 1024], "mobile"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MB", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_queue_is_503_with_retry_after()
    {
        await using var app = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxConcurrency = 1, MaxQueue = 0 });
        // Hold the only slot, as a long-running job would.
        using (var held = await app.Service<WorkGate>().TryEnterAsync(CancellationToken.None))
        {
            Assert.NotNull(held);
            using var response = await app.Client.PostAsync("/api/stylize", Form(TestImages.Png(16, 16), "mobile"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains("busy", await ErrorOf(response), StringComparison.Ordinal);
        }

        using var after = await app.Client.PostAsync("/api/stylize", Form(TestImages.Png(16, 16), "mobile"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_place_is_taken_before_the_upload_is_read()
    {
        await using var app = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxConcurrency = 1, MaxQueue = 0 });
        var gate = app.Service<WorkGate>();

        // A request still reading its upload holds the only place: nothing runs, yet a second request is refused,
        // so uploads held in memory never outnumber the places.
        using (var uploading = gate.TryAdmit())
        {
            Assert.NotNull(uploading);
            Assert.Equal(1, gate.Admitted);
            using var convert = await app.Client.PostAsync("/api/models/convert", new MultipartFormDataContent { { new ByteArrayContent(new byte[1024]), "model", "m.safetensors" } });
            using var stylize = await app.Client.PostAsync("/api/stylize", Form(TestImages.Png(16, 16), "mobile"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, convert.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stylize.StatusCode);
        }

        Assert.Equal(0, gate.Admitted);
        using var after = await app.Client.PostAsync("/api/stylize", Form(TestImages.Png(16, 16), "mobile"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(0, gate.Admitted);
    }

    [Fact]
    public async Task Queue_waits_for_a_slot_until_its_timeout()
    {
        var options = new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxConcurrency = 1, MaxQueue = 1, QueueTimeout = TimeSpan.FromMilliseconds(300) };
        using var gate = new WorkGate(options);
        using var first = await gate.TryEnterAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await gate.TryEnterAsync(CancellationToken.None)); // waited, timed out
        var waiting = gate.TryEnterAsync(CancellationToken.None);
        Assert.Null(await gate.TryEnterAsync(CancellationToken.None)); // queue full: refused at once
        first!.Dispose();
        using var second = await waiting;
        Assert.NotNull(second);
    }

    [Fact]
    public async Task Uploaded_photos_are_not_written_to_disk()
    {
        await using var app = await TestApp.InMemoryAsync();
        string contentRoot = AppContext.BaseDirectory;
        var before = Directory.GetFiles(contentRoot, "*", SearchOption.AllDirectories).ToHashSet();
        // A buffered upload is deleted when the request ends, so watch for it being created at all.
        var created = new List<string>();
        using var watcher = new FileSystemWatcher(SpillFolder.Path) { IncludeSubdirectories = true };
        watcher.Created += (_, e) => { lock (created) { created.Add(e.FullPath); } };
        watcher.EnableRaisingEvents = true;
        // Well above the form reader's default 64 KB in-memory threshold.
        byte[] photo = TestImages.Png(400, 300, noise: true);
        Assert.True(photo.Length > 100 * 1024);
        using var response = await app.Client.PostAsync("/api/stylize", Form(photo, "mobile"));
        response.EnsureSuccessStatusCode();
        await Task.Delay(200);
        lock (created)
        {
            Assert.Empty(created);
        }

        Assert.Empty(Directory.GetFileSystemEntries(SpillFolder.Path));
        Assert.All(Directory.GetFiles(contentRoot, "*", SearchOption.AllDirectories), f => Assert.Contains(f, before));
    }

    internal static MultipartFormDataContent Form(byte[] image, string style, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "image", "photo.png");
        form.Add(new StringContent(style), "style");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    internal static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
