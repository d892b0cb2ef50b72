using System.Text.Json;
using static Painterly.Cli.Tests.Commands.ConversionFixtures;

namespace Painterly.Cli.Tests.Commands;

public sealed class InspectCoreMLAndTorchTests
{
    [Fact]
    public void Mlmodel_shows_version_images_layers_and_weights()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("export", "seeded", "--format", "coreml", "--sizes", "64x48,32x32", "--fp16", "-o", temp.File("s.mlmodel")).ExitCode);
        var result = CliRunner.Run("inspect", temp.File("s.mlmodel"));
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"specification version\s+3", result.Output);
        Assert.Contains("iOS 12", result.Output, StringComparison.Ordinal);
        Assert.Contains("convolution", result.Output, StringComparison.Ordinal);

        var json = CliRunner.Run("inspect", temp.File("s.mlmodel"), "--json");
        using var document = JsonDocument.Parse(json.Output);
        var facts = document.RootElement.GetProperty("facts");
        Assert.Equal("3", facts.GetProperty("specification version").GetString());
        Assert.Contains("64x48", facts.GetProperty("input image").GetString(), StringComparison.Ordinal);
        Assert.Contains("stylized", facts.EnumerateObject().Select(p => p.Name).Single(n => n.StartsWith("output", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("fp16", facts.GetProperty("weights").GetString(), StringComparison.Ordinal);
        Assert.True(document.RootElement.GetProperty("tables").GetProperty("layers").GetArrayLength() > 20);
    }

    [Theory]
    [InlineData("transformer-c8.pth", 0)]
    [InlineData("transformer-c8-legacy-stale.model", 18)]
    public void Pth_shows_tensors_and_stylenet_config(string fixture, int stale)
    {
        var result = CliRunner.Run("inspect", PyTorch(fixture), "--json");
        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var facts = document.RootElement.GetProperty("facts");
        Assert.Equal("8", facts.GetProperty("channels").GetString());
        Assert.Equal("2", facts.GetProperty("residual blocks").GetString());
        var tensors = document.RootElement.GetProperty("tables").GetProperty("tensors");
        Assert.Equal(38 + stale, tensors.GetArrayLength());
        Assert.Equal("conv1.conv2d.weight", tensors[0].GetProperty("name").GetString());
        Assert.Equal("[8, 3, 9, 9]", tensors[0].GetProperty("shape").GetString());
    }

    [Fact]
    public void Malicious_pth_fails_with_one_line_naming_the_global()
    {
        File.Delete("/tmp/painterly-pwned-zip");
        var result = CliRunner.Run("inspect", PyTorch("evil.pth"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("os", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/painterly-pwned-zip"));
    }

    [Fact]
    public void Unknown_extension_fails()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("x.tflite"), "x");
        var result = CliRunner.Run("inspect", temp.File("x.tflite"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(".mlmodel", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
