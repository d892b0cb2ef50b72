using Painterly.Core.Models;

namespace Painterly.Cli.Tests.Commands;

/// <summary><c>convert</c> reads back what <c>export</c> wrote.</summary>
public class ConvertRoundTripTests
{
    [Theory]
    [InlineData(StyleNetForm.Classic)]
    [InlineData(StyleNetForm.Mobile)]
    public void OwnOnnxExportConvertsBackToTheSameWeights(StyleNetForm form)
    {
        using var temp = new TempFolder();
        string model = temp.File("tiny.safetensors");
        var original = SeededStyleModel.Create(new StyleNetConfig(8, 1, Form: form), 4);
        StyleModelFile.Save(model, original);
        Assert.Equal(0, CliRunner.Run("export", model, "--format", "onnx", "-o", temp.File("tiny.onnx")).ExitCode);

        var result = CliRunner.Run("convert", temp.File("tiny.onnx"), "--to", "safetensors", "-o", temp.File("back.safetensors"));

        Assert.True(result.ExitCode == 0, result.Error);
        var back = StyleModelFile.Load(temp.File("back.safetensors"));
        Assert.Equal(original.Config, back.Config);
        foreach (var (name, tensor) in original.Weights)
        {
            Assert.Equal(tensor.Data, back.Weights[name].Data);
        }
    }

    [Theory]
    [InlineData("coreml", "tiny.mlmodel")]
    [InlineData("mlpackage", "tiny.mlpackage")]
    public void A_mobile_model_exports_to_core_ml_checked_by_the_interpreter(string format, string output)
    {
        // --verify runs what export wrote in the reference interpreter against ONNX Runtime.
        using var temp = new TempFolder();
        string model = temp.File("tiny.safetensors");
        StyleModelFile.Save(model, SeededStyleModel.Create(new StyleNetConfig(16, 1, Form: StyleNetForm.Mobile), 4));

        var result = CliRunner.Run("export", model, "--format", format, "--size", "64x48", "--verify", "-o", temp.File(output));

        Assert.True(result.ExitCode == 0, result.Error);
        var inspect = CliRunner.Run("inspect", temp.File(output));
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Contains(format == "coreml" ? "reorganizeData" : "depth_to_space", inspect.Output, StringComparison.Ordinal);
    }
}
