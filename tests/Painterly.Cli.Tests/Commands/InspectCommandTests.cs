using System.Text.Json;
using Painterly.Core.Models;

namespace Painterly.Cli.Tests.Commands;

public class InspectCommandTests
{
    [Fact]
    public void ShowsConfigTensorsAndMetadata()
    {
        using var temp = new TempFolder();
        string path = temp.File("model.safetensors");
        StyleModelFile.Save(path, SeededStyleModel.Create(new StyleNetConfig(8, 2), 3), fp16: true);
        var result = CliRunner.Run("inspect", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("res2.conv2.conv2d.weight", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"channels\s+8", result.Output);
        Assert.Matches(@"parameters\s+" + StyleNetArchitecture.ParameterCount(new StyleNetConfig(8, 2)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), result.Output);
        Assert.Contains("painterly.stylenet", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonIsParseableAndComplete()
    {
        using var temp = new TempFolder();
        string path = temp.File("model.safetensors");
        var config = new StyleNetConfig(8, 1, StyleNetUpsample.Transposed);
        StyleModelFile.Save(path, SeededStyleModel.Create(config, 3));
        var result = CliRunner.Run("inspect", path, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("8", root.GetProperty("facts").GetProperty("channels").GetString());
        Assert.Equal("transposed", root.GetProperty("facts").GetProperty("upsample").GetString());
        Assert.Equal(StyleNetArchitecture.Parameters(config).Count, root.GetProperty("tables").GetProperty("tensors").GetArrayLength());
        Assert.Equal("F32", root.GetProperty("tables").GetProperty("tensors")[0].GetProperty("dtype").GetString());
        Assert.Equal("painterly.stylenet", root.GetProperty("metadata").GetProperty("format").GetString());
    }

    [Fact]
    public void LyingFileIsOneLineExitOne()
    {
        using var temp = new TempFolder();
        string path = temp.File("lying.safetensors");
        byte[] bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, 1L << 40);
        File.WriteAllBytes(path, bytes);
        var result = CliRunner.Run("inspect", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
