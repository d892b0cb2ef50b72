using Painterly.Core.Models;
using Painterly.CoreML.MlProgram;
using Painterly.CoreML.Tests.Converting;
using Painterly.Onnx;

namespace Painterly.CoreML.Tests.MlProgram;

/// <summary>
/// The exported .mlpackage run by the reference interpreter equals the exported .onnx run by ONNX Runtime on the same
/// image: within 1 level (of 255) with float32 compute, within 3 with float16.
/// </summary>
public sealed class MlProgramVersusOnnxRuntimeTests
{
    public static TheoryData<string, bool> Cases() => new()
    {
        { "nearest", false },
        { "nearest", true },
        { "transposed", false },
        { "transposed", true },
        { "range", true },
        { "enumerated", true },
        { "mobile", false },
        { "mobile", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Interpreter_matches_onnx_runtime(string form, bool fp16)
    {
        const int Width = 64, Height = 48;
        var model = form == "mobile" ? TestModels.Mobile() : TestModels.Random(form == "transposed" ? StyleNetUpsample.Transposed : StyleNetUpsample.Nearest);
        var size = new CoreMLImageSize(Width, Height);
        var options = form switch
        {
            "range" => new MlProgramExportOptions { SizeRange = new(32, 128), Size = size, Fp32 = !fp16 },
            "enumerated" => new MlProgramExportOptions { EnumeratedSizes = [new(32, 32), size], Size = size, Fp32 = !fp16 },
            _ => new MlProgramExportOptions { Size = size, Fp32 = !fp16 },
        };
        var image = TestModels.Image(Width, Height);

        var program = new MlProgramInterpreter(MlProgramExporter.Build(model, options)).Run(image);

        using var onnx = OnnxStylizer.FromBytes(OnnxExporter.Export(model));
        var expected = onnx.Stylize(image.Data, Width, Height);
        Assert.InRange(OnnxFixtures.MaxDifference(program.Data, expected), 0f, fp16 ? 3f : 1f);
        Assert.True(expected.Distinct().Count() > 100, "the output should not be flat (clamped everywhere)");
    }

    [Theory]
    [InlineData("transformer-c8-opset11.onnx", false)]
    [InlineData("transformer-c8-opset13.onnx", true)]
    [InlineData("misc-ops-opset13.onnx", false)]
    public void A_converted_onnx_graph_matches_onnx_runtime(string fixture, bool fp16)
    {
        var graph = OnnxGraph.ReadFile(OnnxFixtures.Path(fixture));
        var options = new MlProgramExportOptions { Size = new(OnnxFixtures.Width, OnnxFixtures.Height), Fp32 = !fp16 };
        var image = OnnxFixtures.Input();

        var program = new MlProgramInterpreter(MlProgramExporter.Convert(graph, options, fixture)).Run(image);

        using var onnx = OnnxStylizer.FromBytes(File.ReadAllBytes(OnnxFixtures.Path(fixture)));
        var expected = onnx.Stylize(image.Data, OnnxFixtures.Width, OnnxFixtures.Height);
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = Math.Clamp(expected[i], 0f, 255f);
        }

        Assert.InRange(OnnxFixtures.MaxDifference(program.Data, expected), 0f, fp16 ? 3f : 1f);
    }

    [Fact]
    public void A_wrong_size_is_refused()
    {
        var interpreter = new MlProgramInterpreter(MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64) }));

        Assert.Throws<ArgumentException>(() => interpreter.Run(TestModels.Image(32, 32)));
    }
}
