using Painterly.Core.Models;

namespace Painterly.Cli.Tests.Commands;

/// <summary>stylize and export refuse a model with a NaN weight in one line instead of painting black with exit 0.</summary>
public class NonFiniteModelCommandTests
{
    [Theory]
    [InlineData("stylize", "--runtime", "onnx")]
    [InlineData("stylize", "--precision", "int8")]
    [InlineData("stylize", "--runtime", "torch")]
    [InlineData("export", "--format", "onnx")]
    public void NaNWeightIsRefusedInOneLine(string command, string option, string value)
    {
        using var temp = new TempFolder();
        string model = WriteBrokenModel(temp);
        string output = temp.File(command == "export" ? "out.onnx" : "out.png");

        var result = command == "export"
            ? CliRunner.Run("export", model, option, value, "-o", output)
            : CliRunner.Run("stylize", "--style", model, option, value, "--scene-size", "32", "-o", output);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("nan.safetensors", line, StringComparison.Ordinal);
        Assert.Contains("'in1.bias'", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void InspectFlagsTheBadWeight()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("inspect", WriteBrokenModel(temp));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("NaN", result.Output, StringComparison.Ordinal);
        Assert.Contains("in1.bias", result.Output, StringComparison.Ordinal);
    }

    private static string WriteBrokenModel(TempFolder temp)
    {
        var model = SeededStyleModel.Create(new StyleNetConfig(8, 1), 3);
        model.Weights["in1.bias"].Data[1] = float.NaN;
        string path = temp.File("nan.safetensors");
        StyleModelFile.Save(path, model);
        return path;
    }
}
