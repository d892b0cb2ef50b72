using Painterly.CoreML;
using Painterly.CoreML.Specification;

namespace Painterly.Cli.Tests.Commands;

public sealed class ExportCoreMLCommandTests
{
    [Fact]
    public void Exports_coreml_and_prints_spec_version_and_os()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("export", "seeded", "--format", "coreml", "--size", "64x48", "-o", temp.File("s.mlmodel"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Core ML spec version 1 (needs iOS 11, macOS 10.13", result.Output, StringComparison.Ordinal);
        var model = CoreMLModelReader.ReadFile(temp.File("s.mlmodel"));
        Assert.Equal(1, model.SpecificationVersion);
        Assert.Equal(64, model.Description.Input[0].Type.ImageType.Width);
        Assert.Equal(48, model.Description.Input[0].Type.ImageType.Height);
    }

    [Fact]
    public void Default_size_is_512()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("export", "seeded", "--format", "coreml", "--fp16", "-o", temp.File("s.mlmodel")).ExitCode);
        var model = CoreMLModelReader.ReadFile(temp.File("s.mlmodel"));
        Assert.Equal(512, model.Description.Input[0].Type.ImageType.Width);
        Assert.Equal(CoreMLSpecVersion.Ios11Point2, model.SpecificationVersion);
    }

    [Theory]
    [InlineData("--sizes", "64x48,32x32", ImageFeatureType.SizeFlexibilityOneofCase.EnumeratedSizes)]
    [InlineData("--size-range", "32..128", ImageFeatureType.SizeFlexibilityOneofCase.ImageSizeRange)]
    public void Flexible_sizes_need_ios12(string option, string value, ImageFeatureType.SizeFlexibilityOneofCase flexibility)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("export", "seeded", "--format", "coreml", option, value, "-o", temp.File("s.mlmodel"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("spec version 3 (needs iOS 12", result.Output, StringComparison.Ordinal);
        var model = CoreMLModelReader.ReadFile(temp.File("s.mlmodel"));
        Assert.Equal(3, model.SpecificationVersion);
        Assert.Equal(flexibility, model.Description.Input[0].Type.ImageType.SizeFlexibilityCase);
        Assert.Equal(flexibility, model.Description.Output[0].Type.ImageType.SizeFlexibilityCase);
    }

    [Fact]
    public void Min_ios_13_uses_a_clip_layer()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("export", "seeded", "--format", "coreml", "--size", "32x32", "--min-ios", "13", "-o", temp.File("s.mlmodel"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("spec version 4", result.Output, StringComparison.Ordinal);
        // The file, not the echo: version 4 and the Clip layer last.
        var model = CoreMLModelReader.ReadFile(temp.File("s.mlmodel"));
        Assert.Equal(4, model.SpecificationVersion);
        Assert.Equal(NeuralNetworkLayer.LayerOneofCase.Clip, model.NeuralNetwork.Layers[^1].LayerCase);
    }

    [Theory]
    [InlineData("--format", "onnx", "--sizes", "64x48")]
    [InlineData("--format", "onnx", "--min-ios", "12")]
    [InlineData("--format", "coreml", "--pixels")]
    [InlineData("--format", "coreml", "--min-ios", "10")]
    [InlineData("--format", "coreml", "--sizes", "64x48", "--size-range", "32..64")]
    public void Misplaced_options_are_usage_errors(params string[] options)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run(["export", "seeded", "-o", temp.File("s.out"), .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Onnx_keeps_size_fp16_and_pixels()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("export", "seeded", "--format", "onnx", "--size", "64x48", "--fp16", "--pixels", "-o", temp.File("s.onnx"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("64x48, uint8 RGBA in/out, fp16 weights", result.Output, StringComparison.Ordinal);
    }
}
