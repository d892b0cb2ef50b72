using Microsoft.ML.OnnxRuntime;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests;

public class PixelIOExportTests
{
    private const int Width = 36;
    private const int Height = 28;

    [Fact]
    public void Graph_TakesAndReturnsUint8Rgba()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var graph = ModelProto.Parser.ParseFrom(OnnxExporter.Export(model, new OnnxExportOptions { PixelIO = true })).Graph;

        foreach (var value in new[] { graph.Input.Single(), graph.Output.Single() })
        {
            Assert.Equal((int)TensorProto.Types.DataType.Uint8, value.Type.TensorType.ElemType);
            Assert.Equal(["", "height", "width", ""], value.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
            Assert.Equal([1L, 0, 0, 4], value.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        }
    }

    [Fact]
    public void Output_IsRoundedFloatOutput_WithOpaqueAlpha()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var random = new Random(3);
        var rgba = new byte[Height * Width * 4];
        random.NextBytes(rgba);
        var chw = new float[3 * Height * Width];
        for (int c = 0; c < 3; c++)
        {
            for (int p = 0; p < Height * Width; p++)
            {
                chw[c * Height * Width + p] = rgba[p * 4 + c];
            }
        }

        using var stylizer = new OnnxStylizer(model, new OnnxStylizerOptions { Export = OnnxExportOptions.Default });
        var expected = stylizer.Stylize(chw, Width, Height);
        var actual = RunPixels(OnnxExporter.Export(model, new OnnxExportOptions { PixelIO = true }), rgba);

        Assert.Equal(rgba.Length, actual.Length);
        for (int p = 0; p < Height * Width; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                float reference = MathF.Round(Math.Clamp(expected[c * Height * Width + p], 0, 255));
                Assert.InRange(actual[p * 4 + c], reference - 1, reference + 1);
            }

            Assert.Equal(255, actual[p * 4 + 3]);
        }
    }

    private static byte[] RunPixels(byte[] onnx, byte[] rgba)
    {
        using var session = new InferenceSession(onnx);
        using var input = OrtValue.CreateTensorValueFromMemory(rgba, [1, Height, Width, 4]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["image"], [input], ["stylized"]);
        Assert.Equal([1L, Height, Width, 4], outputs[0].GetTensorTypeAndShape().Shape);
        return outputs[0].GetTensorDataAsSpan<byte>().ToArray();
    }
}
