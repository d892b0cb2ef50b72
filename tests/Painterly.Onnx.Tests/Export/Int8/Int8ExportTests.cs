using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests;

public class Int8ExportTests
{
    private const int Side = 64;

    private static readonly OnnxExportOptions DefaultForm = OnnxStylizerOptions.Default.Export;

    // One residual block beyond the two that always stay float32.
    private static readonly StyleNetConfig ThreeBlocks = RandomStyleModels.Small() with { ResidualBlocks = 3 };

    [Theory]
    [InlineData(false, 4)] // 2 residual convs (the third block), 2 upsampling convs
    [InlineData(true, 10)] // the upsampling stages as 4 phase convs each
    public void QuantizedConvs_ReadDequantizedInputs_AndFeedAQuantize(bool subpixel, int quantized)
    {
        var model = RandomStyleModels.Create(ThreeBlocks);
        var options = new OnnxExportOptions { SubpixelUpsample = subpixel };
        var graph = ModelProto.Parser.ParseFrom(OnnxExporter.Export(model, options with { Quantization = CalibrateAll(model, options) })).Graph;
        var producers = graph.Node.ToDictionary(n => n.Output[0], StringComparer.Ordinal);

        var convs = graph.Node.Where(n => n.OpType == "Conv").ToList();
        var int8 = convs.Where(c => c.Input.All(i => producers.TryGetValue(i, out var p) && p.OpType == "DequantizeLinear")).ToList();

        Assert.Equal(quantized, int8.Count);
        // The first convolution and first two blocks stay float32 (sensitive), so does the output one (slower in int8).
        Assert.DoesNotContain(int8, c => c.Name.Split('/')[0] is "conv1" or "res1" or "res2" or "deconv3");
        foreach (var conv in int8)
        {
            // The input is quantized once, then padded in uint8.
            var quantizedInput = producers[producers[conv.Input[0]].Input[0]];
            Assert.Equal("Pad", quantizedInput.OpType);
            Assert.Equal("QuantizeLinear", producers[quantizedInput.Input[0]].OpType);
            Assert.Equal("QuantizeLinear", graph.Node.Single(n => n.Input.Contains(conv.Output[0])).OpType);
            var weight = graph.Initializer.Single(t => t.Name == producers[conv.Input[1]].Input[0]);
            var weightScale = graph.Initializer.Single(t => t.Name == producers[conv.Input[1]].Input[1]);
            Assert.Equal((int)TensorProto.Types.DataType.Int8, weight.DataType);
            Assert.Equal(weight.Dims[0], weightScale.Dims.Single());
            Assert.Equal((int)TensorProto.Types.DataType.Int32, graph.Initializer.Single(t => t.Name == producers[conv.Input[2]].Input[0]).DataType);
        }
    }

    [Fact]
    public void Int8_upsampling_interleaves_its_four_phases_in_uint8()
    {
        var model = RandomStyleModels.Create(ThreeBlocks);
        var graph = ModelProto.Parser.ParseFrom(OnnxExporter.Export(model, DefaultForm with { Quantization = CalibrateAll(model, DefaultForm) })).Graph;
        var producers = graph.Node.ToDictionary(n => n.Output[0], StringComparer.Ordinal);

        var interleaves = graph.Node.Where(n => n.OpType == "DepthToSpace" && n.Name.StartsWith("deconv", StringComparison.Ordinal) && n.Name != "deconv3/interleave").ToList();

        Assert.Equal(2, interleaves.Count);
        foreach (var interleave in interleaves)
        {
            var phases = producers[interleave.Input[0]];
            Assert.Equal("Concat", phases.OpType);
            Assert.Equal(4, phases.Input.Count);
            Assert.All(phases.Input, p => Assert.Equal("QuantizeLinear", producers[p].OpType));
            Assert.Equal("DequantizeLinear", graph.Node.Single(n => n.Input.Contains(interleave.Output[0])).OpType);
            // One QuantizeLinear feeds the four phase pads.
            var pads = phases.Input.Select(p => producers[producers[producers[p].Input[0]].Input[0]].Input[0]).Select(padded => producers[padded]).ToList();
            Assert.All(pads, pad => Assert.Equal("Pad", pad.OpType));
            Assert.Single(pads.Select(pad => pad.Input[0]).Distinct());
        }
    }

    [Fact]
    public void The_default_plan_keeps_the_promised_44_dB_of_float32_on_every_test_scene()
    {
        // The README's promise, measured here with fresh sessions rather than read from the plan's own figure.
        var model = RandomStyleModels.Create(ThreeBlocks);
        var plan = OnnxInt8Planner.Plan(model);
        using var fp32 = new OnnxStylizer(model, new OnnxStylizerOptions { Precision = OnnxPrecision.FullPrecision });
        using var int8 = new OnnxStylizer(model, new OnnxStylizerOptions { Export = DefaultForm with { Quantization = plan } });

        Assert.NotEmpty(plan.Convs);
        foreach (var picture in OnnxInt8Planner.CalibrationPictures())
        {
            double psnr = OnnxInt8Planner.Psnr(fp32.Stylize(picture.Data, picture.Width, picture.Height), int8.Stylize(picture.Data, picture.Width, picture.Height));
            Assert.InRange(psnr, 44, 200);
        }
    }

    [Fact]
    public void Calibration_covers_every_candidate_stage_with_ranges_containing_their_values()
    {
        var model = RandomStyleModels.Create(ThreeBlocks);
        var calibration = CalibrateAll(model, DefaultForm);

        Assert.Equal(OnnxInt8Planner.Candidates(model.Config).Order(), calibration.Convs.Keys.Order());
        Assert.All(calibration.Convs.Values, r => Assert.True(r.Input.Min < r.Input.Max && r.Output.Min < r.Output.Max));
        // The second residual conv reads a ReLU output: nothing below zero.
        Assert.True(calibration.Convs["res3.conv2"].Input.Min >= 0);
    }

    [OnnxCheckerTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Int8_export_passes_onnx_full_check(bool subpixel)
    {
        Assert.True(OnnxChecker.IsAvailable, $"python3-onnx is missing for {OnnxChecker.Python}; CI requires it.");
        using var directory = new TempDirectory();
        string path = directory.File("int8.onnx");
        var model = RandomStyleModels.Create(ThreeBlocks);
        var form = new OnnxExportOptions { SubpixelUpsample = subpixel };
        OnnxExporter.ExportToFile(model, path, form with { Quantization = CalibrateAll(model, form) });

        var (exitCode, output) = OnnxChecker.Check(path);

        Assert.True(exitCode == 0, $"onnx.checker rejected the model: {output}");
    }

    [Fact]
    public void Exports_leave_the_model_files_calibration_out_of_their_metadata()
    {
        var model = RandomStyleModels.Create(ThreeBlocks);
        var calibrated = CalibrateAll(model, DefaultForm).StoreIn(model);

        var metadata = ModelProto.Parser.ParseFrom(OnnxExporter.Export(calibrated)).MetadataProps.Select(p => p.Key);

        Assert.DoesNotContain(StyleModelFile.Int8CalibrationKey, metadata);
    }

    private static OnnxInt8Calibration CalibrateAll(StyleModel model, OnnxExportOptions form) =>
        OnnxInt8Calibrator.Calibrate(model, form, [TestScene.RenderPlanar(Side, Side)], OnnxInt8Planner.Candidates(model.Config));
}
