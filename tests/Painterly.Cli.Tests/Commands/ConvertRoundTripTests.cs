using Painterly.Core.Models;

namespace Painterly.Cli.Tests.Commands;

/// <summary><c>convert</c> reads back what <c>export</c> wrote.</summary>
public class ConvertRoundTripTests
{
    [Fact]
    public void OwnOnnxExportConvertsBackToTheSameWeights()
    {
        using var temp = new TempFolder();
        string model = temp.File("tiny.safetensors");
        var original = SeededStyleModel.Create(new StyleNetConfig(8, 1), 4);
        StyleModelFile.Save(model, original);
        Assert.Equal(0, CliRunner.Run("export", model, "--format", "onnx", "-o", temp.File("tiny.onnx")).ExitCode);

        var result = CliRunner.Run("convert", temp.File("tiny.onnx"), "--to", "safetensors", "-o", temp.File("back.safetensors"));

        Assert.True(result.ExitCode == 0, result.Error);
        var back = StyleModelFile.Load(temp.File("back.safetensors"));
        foreach (var (name, tensor) in original.Weights)
        {
            Assert.Equal(tensor.Data, back.Weights[name].Data);
        }
    }
}
