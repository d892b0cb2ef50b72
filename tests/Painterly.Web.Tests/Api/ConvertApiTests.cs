using System.Net;
using Painterly.Core.Models;
using Painterly.Onnx;
using Painterly.Web.Tests.Infrastructure;

namespace Painterly.Web.Tests.Api;

public sealed class ConvertApiTests
{
    [Fact]
    public async Task Safetensors_becomes_a_pixel_onnx_model()
    {
        await using var app = await TestApp.InMemoryAsync();
        using var response = await app.Client.PostAsync("/api/models/convert", ModelForm(TestModels.SafetensorsBytes(new StyleNetConfig(8, 1)), "mine.safetensors"));
        response.EnsureSuccessStatusCode();
        var summary = OnnxModelReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("uint8", Assert.Single(summary.Inputs).ElementType);
        Assert.Equal(4L, summary.Inputs[0].Shape![3].Value);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_400()
    {
        await using var app = await TestApp.InMemoryAsync();
        using var response = await app.Client.PostAsync("/api/models/convert", ModelForm("not a model at all"u8.ToArray(), "x.safetensors"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(".safetensors", await StylizeApiTests.ErrorOf(response), StringComparison.Ordinal);
    }

    private static MultipartFormDataContent ModelForm(byte[] bytes, string name) =>
        new() { { new ByteArrayContent(bytes), "model", name } };
}
