using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Onnx;

namespace Painterly.CoreML.Tests.Converting;

/// <summary>
/// The exported .mlmodel run by the reference interpreter equals the exported .onnx run by ONNX Runtime, for random
/// StyleNets of every preset width, fixed and flexible sizes, fp32 and fp16 weights.
/// </summary>
public sealed class CoreMLVersusOnnxRuntimeTests
{
    public static TheoryData<int, string, bool> Cases()
    {
        var data = new TheoryData<int, string, bool>();
        foreach (int channels in new[] { 32, 16, 8 })
        {
            foreach (string flexibility in new[] { "fixed", "enumerated", "range" })
            {
                data.Add(channels, flexibility, false);
                data.Add(channels, flexibility, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Interpreter_matches_onnx_runtime(int channels, string flexibility, bool fp16) =>
        AssertInterpreterMatchesOnnxRuntime(SeededStyleModel.Create(new StyleNetConfig(channels, 5), seed: channels), flexibility, fp16);

    /// <summary>The mobile form: reorganizeData and grouped convolutions against ONNX's SpaceToDepth, DepthToSpace and Conv group.</summary>
    [Theory]
    [InlineData("fixed", false)]
    [InlineData("fixed", true)]
    [InlineData("range", false)]
    public void Mobile_interpreter_matches_onnx_runtime(string flexibility, bool fp16) =>
        AssertInterpreterMatchesOnnxRuntime(TestModels.Mobile(), flexibility, fp16);

    private static void AssertInterpreterMatchesOnnxRuntime(StyleModel model, string flexibility, bool fp16)
    {
        const int Width = 32, Height = 24;
        var size = new CoreMLImageSize(Width, Height);
        var options = flexibility switch
        {
            "enumerated" => new CoreMLExportOptions { EnumeratedSizes = [new(48, 40), size], Size = size, Fp16 = fp16 },
            "range" => new CoreMLExportOptions { SizeRange = new CoreMLSizeRange(16, 64), Size = size, Fp16 = fp16 },
            _ => new CoreMLExportOptions { Size = size, Fp16 = fp16 },
        };
        var image = TestModels.Image(Width, Height);
        var coreml = new CoreMLInterpreter(CoreMLExporter.Export(model, options)).Run(image);

        using var onnx = OnnxStylizer.FromBytes(OnnxExporter.Export(model, new OnnxExportOptions { Fp16Weights = fp16 }));
        var expected = onnx.Stylize(image.Data, Width, Height);
        Assert.InRange(OnnxFixtures.MaxDifference(coreml.Data, expected), 0f, fp16 ? 2.0f : 0.5f);
        Assert.True(expected.Distinct().Count() > 100, "the output should not be flat (clamped everywhere)");
    }
}
