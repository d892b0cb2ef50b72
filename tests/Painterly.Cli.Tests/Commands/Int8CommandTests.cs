using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Onnx;

namespace Painterly.Cli.Tests.Commands;

public class Int8CommandTests
{
    [Fact]
    public void Export_int8_stores_a_calibration_that_stylize_then_uses_and_fp32_ignores()
    {
        using var temp = new TempFolder();
        string model = temp.File("m.safetensors");
        var export = CliRunner.Run("export", "seeded", "--format", "safetensors", "--int8", "-o", model);
        Assert.Equal(0, export.ExitCode);
        Assert.Matches(@"int8 in \d+ convolution stages \(\d+\.\d dB on the test scenes\)", export.Output);
        Assert.NotNull(OnnxInt8Calibration.ReadFrom(StyleModelFile.Load(model)));
        var inspect = CliRunner.Run("inspect", model);
        Assert.Matches(@"int8\s+\d+ of 16 convolution stages \(res5\.conv2, ", inspect.Output);
        Assert.DoesNotContain("fingerprint", inspect.Output, StringComparison.Ordinal);

        var int8 = CliRunner.Run("stylize", "--style", model, "--scene-size", "64", "-o", temp.File("a.png"));
        var fp32 = CliRunner.Run("stylize", "--style", model, "--scene-size", "64", "--precision", "fp32", "-o", temp.File("b.png"));

        Assert.Equal((0, 0), (int8.ExitCode, fp32.ExitCode));
        Assert.Matches(@"int8 in \d+ of 16 convolution stages", int8.Output);
        Assert.DoesNotContain("int8", fp32.Output, StringComparison.Ordinal);
        using var a = ImageDecoder.Decode(temp.File("a.png"));
        using var b = ImageDecoder.Decode(temp.File("b.png"));
        Assert.NotEqual(a.Bytes, b.Bytes);
    }

    [Fact]
    public void Export_int8_onnx_writes_quantized_convolutions()
    {
        using var temp = new TempFolder();
        string file = temp.File("m.onnx");
        var result = CliRunner.Run("export", "seeded", "--format", "onnx", "--int8", "-o", file);

        Assert.Equal(0, result.ExitCode);
        var inspect = CliRunner.Run("inspect", file);
        Assert.Matches(@"QLinearConv|QuantizeLinear\s+\d+", inspect.Output);
    }

    [Theory]
    [InlineData("export", "seeded", "--format", "coreml", "--int8", "-o", "x.mlmodel")]
    [InlineData("stylize", "--runtime", "torch", "--precision", "int8", "-o", "x.png")]
    [InlineData("stylize", "--precision", "int4", "-o", "x.png")]
    [InlineData("bench", "--runtime", "torch", "--precision", "int8")]
    public void Int8_where_it_cannot_apply_is_a_usage_error(params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
