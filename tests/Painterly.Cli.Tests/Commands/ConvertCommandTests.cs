using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.CoreML;
using Painterly.Onnx;
using static Painterly.Cli.Tests.Commands.ConversionFixtures;

namespace Painterly.Cli.Tests.Commands;

public sealed class ConvertCommandTests
{
    public static TheoryData<string> Inputs() => new()
    {
        "Onnx/transformer-c8-opset9.onnx",
        "Onnx/transformer-c8-opset11.onnx",
        "Onnx/transformer-c8-opset13.onnx",
        "Onnx/transformer-c8-opset11-unfolded.onnx",
        "PyTorch/transformer-c8.pth",
        "PyTorch/transformer-c8-legacy.pth",
        "PyTorch/transformer-c8-legacy-stale.model",
    };

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Converts_to_safetensors_matching_pytorch(string input)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("convert", Fixture(input), "-o", temp.File("m.safetensors"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("StyleNet 8 channels, 2 residual blocks", result.Output, StringComparison.Ordinal);
        using var stylizer = new OnnxStylizer(StyleModelFile.Load(temp.File("m.safetensors")));
        Assert.InRange(MaxDifference(stylizer.Stylize(Input(), Width, Height), Expected()), 0f, 0.5f);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Converts_to_onnx_matching_pytorch(string input)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("convert", Fixture(input), "--to", "onnx", "-o", temp.File("m.onnx"));
        Assert.Equal(0, result.ExitCode);
        Assert.InRange(OnnxDifference(temp.File("m.onnx")), 0f, 0.5f);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Converts_to_coreml_matching_pytorch(string input)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("convert", Fixture(input), "--to", "coreml", "--size", "64x48", "-o", temp.File("m.mlmodel"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Core ML spec version 1", result.Output, StringComparison.Ordinal);
        var output = new CoreMLInterpreter(File.ReadAllBytes(temp.File("m.mlmodel"))).Run(new PlanarImage(Width, Height, Input()));
        Assert.InRange(MaxDifference(output.Data, Expected()), 0f, 0.5f);
    }

    [Fact]
    public void Onnx_import_says_how_it_found_the_stylenet()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("convert", Fixture("Onnx/transformer-c8-opset13.onnx"), "-o", temp.File("m.safetensors"));
        Assert.Contains("recovered by parameter names", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void General_onnx_graph_converts_to_coreml_only()
    {
        using var temp = new TempFolder();
        var ok = CliRunner.Run("convert", Fixture("Onnx/misc-ops-opset13.onnx"), "--to", "coreml", "--size", "64x48", "-o", temp.File("m.mlmodel"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("general graph", ok.Output, StringComparison.Ordinal);
        var output = new CoreMLInterpreter(File.ReadAllBytes(temp.File("m.mlmodel"))).Run(new PlanarImage(Width, Height, Input()));
        Assert.InRange(MaxDifference(output.Data, Expected("misc-ops-output.f32")), 0f, 0.5f);

        var refused = CliRunner.Run("convert", Fixture("Onnx/misc-ops-opset13.onnx"), "--to", "onnx", "-o", temp.File("m.onnx"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.ErrorLines);
        Assert.Contains("not a StyleNet", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_op_fails_with_one_line_naming_op_and_node()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("convert", Fixture("Onnx/unsupported-op.onnx"), "--to", "coreml", "-o", temp.File("m.mlmodel"));
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("'softmax_node'", line, StringComparison.Ordinal);
        Assert.Contains("Softmax", line, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("m.mlmodel")));
    }

    [Fact]
    public void Unknown_extension_fails_with_one_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("model.h5"), "x");
        var result = CliRunner.Run("convert", temp.File("model.h5"), "-o", temp.File("m.safetensors"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(".h5", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.pth", "/tmp/painterly-pwned-zip")]
    [InlineData("evil-legacy.pth", "/tmp/painterly-pwned-legacy")]
    public void Malicious_pickle_is_refused_and_nothing_runs(string fixture, string marker)
    {
        using var temp = new TempFolder();
        File.Delete(marker);
        var result = CliRunner.Run("convert", PyTorch(fixture), "-o", temp.File("m.safetensors"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("system", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
        Assert.False(File.Exists(temp.File("m.safetensors")));
    }

    [Theory]
    [InlineData("--to", "onnx", "--sizes", "64x48,32x32")]
    [InlineData("--to", "safetensors", "--min-ios", "13")]
    [InlineData("--to", "coreml", "--pixels")]
    [InlineData("--to", "coreml", "--size-range", "64..32")]
    public void Options_of_another_format_are_usage_errors(params string[] options)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run(["convert", PyTorch("transformer-c8.pth"), "-o", temp.File("m.out"), .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Refuses_to_overwrite_its_input()
    {
        using var temp = new TempFolder();
        File.Copy(Fixture("Onnx/transformer-c8-opset13.onnx"), temp.File("a.onnx"));
        var result = CliRunner.Run("convert", temp.File("a.onnx"), "--to", "onnx", "-o", temp.File("a.onnx"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("overwrite", result.Error, StringComparison.Ordinal);
    }
}
