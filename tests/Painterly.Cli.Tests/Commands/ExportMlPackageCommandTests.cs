using Painterly.Cli.Commands;
using Painterly.Core.Images;
using Painterly.Core.Styles;
using Painterly.CoreML;
using Painterly.CoreML.MlProgram;
using Painterly.CoreML.Specification;

namespace Painterly.Cli.Tests.Commands;

/// <summary><c>export --format mlpackage</c>, <c>convert --to mlpackage</c>, <c>inspect X.mlpackage</c> and <c>--verify</c>.</summary>
public sealed class ExportMlPackageCommandTests
{
    [Fact]
    public void Exports_an_ml_program_package_and_says_what_it_needs()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("export", "seeded", "--format", "mlpackage", "--size", "64x48", "-o", temp.File("s.mlpackage"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ML Program, spec version 6 (needs iOS 15, macOS 12", result.Output, StringComparison.Ordinal);
        Assert.Contains("fp16 weights and compute", result.Output, StringComparison.Ordinal);
        var package = MlPackageReader.Read(temp.File("s.mlpackage"));
        Assert.Equal(64, package.Model.Description.Input[0].Type.ImageType.Width);
        Assert.True(File.Exists(Path.Combine(temp.File("s.mlpackage"), "Manifest.json")));
    }

    [Fact]
    public void Min_ios_and_fp32_choose_opset_and_precision()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("export", "seeded", "--format", "mlpackage", "--size", "32x32", "--min-ios", "17", "--fp32", "-o", temp.File("s.mlpackage"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("spec version 8 (needs iOS 17", result.Output, StringComparison.Ordinal);
        Assert.Contains("opset CoreML7", result.Output, StringComparison.Ordinal);
        Assert.Contains("fp32 weights and compute", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "mlpackage", "--min-ios", "14")]
    [InlineData("--format", "coreml", "--fp32")]
    [InlineData("--format", "mlpackage", "--int8")]
    [InlineData("--format", "mlpackage", "--verify-threshold", "2")]
    public void Misplaced_options_are_usage_errors(params string[] options)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run(["export", "seeded", "-o", temp.File("s.out"), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public void Inspect_shows_program_ops_and_os()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("export", "seeded", "--format", "mlpackage", "--sizes", "64x48,32x32", "-o", temp.File("s.mlpackage")).ExitCode);

        var result = CliRunner.Run("inspect", temp.File("s.mlpackage"), "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("mlpackage (ML Program)", result.Output, StringComparison.Ordinal);
        Assert.Contains("main (CoreML5)", result.Output, StringComparison.Ordinal);
        Assert.Contains("instance_norm", result.Output, StringComparison.Ordinal);
        Assert.Contains("iOS 15, macOS 12 or later", result.Output, StringComparison.Ordinal);
        Assert.Contains("enumerated", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_of_a_damaged_package_is_one_line()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("export", "seeded", "--format", "mlpackage", "--size", "32x32", "-o", temp.File("s.mlpackage")).ExitCode);
        File.WriteAllBytes(Path.Combine(temp.File("s.mlpackage"), "Data", "com.apple.CoreML", "weights", "weight.bin"), new byte[64]);

        var result = CliRunner.Run("inspect", temp.File("s.mlpackage"));

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Theory]
    [InlineData("mlpackage", "ML Program reference interpreter")]
    [InlineData("coreml", "Core ML reference interpreter")]
    [InlineData("onnx", "ONNX Runtime vs")]
    [InlineData("safetensors", "written model file")]
    public void Verify_reports_the_difference_for_every_format(string format, string runtime)
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("export", "seeded", "--format", format, "--size", "64x48", "-o", temp.File("s." + format), "--verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("verified: ", result.Output, StringComparison.Ordinal);
        Assert.Contains(runtime, result.Output, StringComparison.Ordinal);
        Assert.Contains("levels of 255", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_onnx_to_mlpackage_verifies_against_the_onnx_file()
    {
        using var temp = new TempFolder();
        var result = CliRunner.Run("convert", ConversionFixtures.Onnx("misc-ops-opset13.onnx"), "--to", "mlpackage", "--size", "64x48", "-o", temp.File("m.mlpackage"), "--verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("misc-ops-opset13.onnx in ONNX Runtime", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_of_a_fixed_size_onnx_source_at_another_size_uses_the_imported_stylenet_or_says_which_size()
    {
        using var temp = new TempFolder();
        var styleNet = CliRunner.Run("convert", ConversionFixtures.Onnx("transformer-c8-opset11.onnx"), "--to", "onnx", "-o", temp.File("t.onnx"), "--verify");
        var general = CliRunner.Run("convert", ConversionFixtures.Onnx("misc-ops-opset13.onnx"), "--to", "mlpackage", "--size", "64x64", "-o", temp.File("m.mlpackage"), "--verify");

        Assert.Equal(0, styleNet.ExitCode);
        Assert.Contains("the StyleNet imported from it in ONNX Runtime", styleNet.Output, StringComparison.Ordinal);
        Assert.Equal(1, general.ExitCode);
        Assert.Contains("give --size 64x48", Assert.Single(general.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transformer-c8.pth", "")]
    [InlineData("transformer-c8-transposed-fp16.pth", "--fp32")]
    public void Convert_a_pytorch_examples_checkpoint_to_a_verified_package(string checkpoint, string precision)
    {
        using var temp = new TempFolder();
        string[] extra = precision.Length > 0 ? [precision] : [];
        var result = CliRunner.Run(["convert", ConversionFixtures.PyTorch(checkpoint), "--to", "mlpackage", "--size", "64x48", "-o", temp.File("c.mlpackage"), "--verify", .. extra]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PyTorch checkpoint", result.Output, StringComparison.Ordinal);
        Assert.Contains("verified: the ML Program reference interpreter vs the source model in ONNX Runtime", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mlpackage")]
    [InlineData("coreml")]
    public void Verify_catches_a_model_built_with_the_wrong_preprocessing(string format)
    {
        // The classic conversion mistake: the model declares BGR input, so Core ML hands it blue where the network
        // expects red. Nothing crashes; the colours are wrong.
        using var temp = new TempFolder();
        var model = StyleCatalog.Default.Resolve("seeded");
        var network = CoreMLExporter.Build(model, new CoreMLExportOptions { Size = new(64, 48), MinimumIos = 13 });
        network.Description.Input[0].Type.ImageType.ColorSpace = ImageFeatureType.Types.ColorSpace.Bgr;
        string target = temp.File("broken." + format);
        if (format == "mlpackage")
        {
            MlPackageWriter.Write(target, MlProgramExporter.FromNeuralNetwork(network));
        }
        else
        {
            File.WriteAllBytes(target, Google.Protobuf.MessageExtensions.ToByteArray(network));
        }

        var result = ExportVerifier.Verify(target, format, new ImageSize(64, 48), ExportVerifier.Reference(model));
        var error = Assert.Throws<UserException>(() => ExportVerifier.Judge(target, result, ExportVerifier.Fp16Threshold));

        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("--verify failed", error.Message, StringComparison.Ordinal);
        Assert.True(result.Max > 10, $"max difference {result.Max}");
    }
}
