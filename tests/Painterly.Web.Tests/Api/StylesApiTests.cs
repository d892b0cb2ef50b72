using System.Net;
using System.Text.Json;
using Painterly.CoreML;
using Painterly.Onnx;
using Painterly.Web.Styles;
using Painterly.Web.Tests.Infrastructure;

namespace Painterly.Web.Tests.Api;

public sealed class StylesApiTests : IAsyncLifetime
{
    private TestApp app = null!;

    public async Task InitializeAsync() => app = await TestApp.InMemoryAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Styles_lists_the_models_folder_and_the_seeded_style()
    {
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/api/styles"));
        var ids = json.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(["mobile", "seeded"], ids);
        Assert.All(json.RootElement.EnumerateArray(), s =>
        {
            Assert.False(string.IsNullOrEmpty(s.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(s.GetProperty("description").GetString()));
        });
    }

    [Fact]
    public async Task A_mobile_form_is_listed_as_its_style_s_mobile_entry_not_apart()
    {
        string models = TestModels.CreateFolder(("wave", new Painterly.Core.Models.StyleNetConfig(8, 1)), ("wave-mobile", Painterly.Core.Models.StyleNetConfig.Mobile), ("lone-mobile", Painterly.Core.Models.StyleNetConfig.Mobile));
        await using var other = await TestApp.InMemoryAsync(new PainterlyWebOptions { ModelsFolder = models });
        using var json = JsonDocument.Parse(await other.Client.GetStringAsync("/api/styles"));
        var styles = json.RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("mobile").ValueKind == JsonValueKind.String ? s.GetProperty("mobile").GetString() : null);
        Assert.Equal(["lone-mobile", "seeded", "wave"], styles.Keys.Order());
        Assert.Equal("wave-mobile", styles["wave"]);
        Assert.Null(styles["lone-mobile"]);
        // The mobile form is still a style of its own for downloads and the server.
        using var response = await other.Client.GetAsync("/api/styles/wave-mobile/inspect");
        response.EnsureSuccessStatusCode();
        Assert.Equal("mobile", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("form").GetString());
    }

    [Fact]
    public async Task Thumbnail_is_a_png_of_the_styled_test_scene_and_is_cached()
    {
        using var response = await app.Client.GetAsync("/api/styles/mobile/thumbnail.png");
        response.EnsureSuccessStatusCode();
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        byte[] first = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((192, 192), TestImages.SizeOf(first));
        Assert.Equal(first, await app.Client.GetByteArrayAsync("/api/styles/mobile/thumbnail.png"));
        // Equal bytes alone cannot tell a cache from a second (deterministic) render: count the renders.
        Assert.Equal(1, app.Service<StyleStore>().ThumbnailRenders);
    }

    [Fact]
    public async Task Model_onnx_is_the_pixel_io_export_with_symbolic_size()
    {
        byte[] onnx = await app.Client.GetByteArrayAsync("/api/styles/mobile/model.onnx");
        var summary = OnnxModelReader.Read(onnx);
        var input = Assert.Single(summary.Inputs);
        var output = Assert.Single(summary.Outputs);
        Assert.Equal(("image", "uint8"), (input.Name, input.ElementType));
        Assert.Equal(("stylized", "uint8"), (output.Name, output.ElementType));
        Assert.Equal("[1, height, width, 4]", "[" + string.Join(", ", input.Shape!) + "]");
        Assert.Equal(1L, input.Shape![0].Value);
        Assert.Equal(4L, input.Shape[3].Value);
        Assert.Null(input.Shape[1].Value);
    }

    [Fact]
    public async Task Mlmodel_downloads_at_the_requested_size_and_parses()
    {
        using var response = await app.Client.GetAsync("/api/styles/mobile/model.mlmodel?size=320x240");
        response.EnsureSuccessStatusCode();
        Assert.Equal("mobile-320x240.mlmodel", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var summary = CoreMLModelReader.Summarize(CoreMLModelReader.Parse(await response.Content.ReadAsByteArrayAsync()));
        var input = Assert.Single(summary.Inputs);
        Assert.Equal("image", input.Name);
        Assert.Contains("320", input.Details, StringComparison.Ordinal);
        Assert.Contains("240", input.Details, StringComparison.Ordinal);
        Assert.Contains(summary.Layers, l => l.Type.Contains("convolution", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Mlpackage_downloads_as_a_zip_holding_the_package_folder()
    {
        using var response = await app.Client.GetAsync("/api/styles/mobile/model.mlpackage.zip?size=64x48");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("mobile-64x48.mlpackage.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);

        string folder = Directory.CreateTempSubdirectory("painterly-web-mlpackage-").FullName;
        try
        {
            System.IO.Compression.ZipFile.ExtractToDirectory(await response.Content.ReadAsStreamAsync(), folder);

            var package = Painterly.CoreML.MlProgram.MlPackageReader.Read(Path.Combine(folder, "mobile-64x48.mlpackage"));
            Assert.Equal(6, package.Model.SpecificationVersion);
            Assert.Equal(64, package.Model.Description.Input[0].Type.ImageType.Width);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("big")]
    [InlineData("321x240")]
    [InlineData("8192x8192")]
    public async Task Mlmodel_with_a_bad_size_is_a_400_with_a_json_error(string size)
    {
        using var response = await app.Client.GetAsync($"/api/styles/mobile/model.mlmodel?size={size}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("size", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_summarizes_the_network_and_the_browser_model()
    {
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/api/styles/mobile/inspect"));
        var root = json.RootElement;
        Assert.Equal("mobile", root.GetProperty("id").GetString());
        Assert.Equal(8, root.GetProperty("channels").GetInt32());
        Assert.Equal(2, root.GetProperty("residualBlocks").GetInt32());
        Assert.True(root.GetProperty("parameters").GetInt64() > 10_000);
        Assert.Equal("image: uint8[1, height, width, 4]", root.GetProperty("inputs")[0].GetString());
        Assert.Equal("stylized: uint8[1, height, width, 4]", root.GetProperty("outputs")[0].GetString());
        Assert.True(root.GetProperty("operators").GetProperty("Conv").GetInt32() > 0);
    }

    [Theory]
    [InlineData("/api/styles/nope/model.onnx")]
    [InlineData("/api/styles/nope/thumbnail.png")]
    [InlineData("/api/styles/nope/inspect")]
    [InlineData("/api/styles/nope/model.mlmodel")]
    [InlineData("/api/styles/..%2Fmobile/model.onnx")]
    [InlineData("/api/styles/%2E%2E/model.onnx")]
    [InlineData("/api/styles/..%2F..%2Fetc%2Fpasswd/inspect")]
    [InlineData("/api/styles/%2Fetc%2Fpasswd/model.onnx")]
    [InlineData("/api/styles/mobile%2F..%2Fseeded/model.onnx")]
    [InlineData("/api/styles/.mobile/model.onnx")]
    [InlineData("/api/styles/mobile.safetensors/model.onnx")]
    [InlineData("/api/nothing")]
    public async Task Unknown_and_path_like_ids_are_404(string path)
    {
        using var response = await app.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
