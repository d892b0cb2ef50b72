using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests;

public class Fp16WeightsExportTests
{
    private const int Width = 36;
    private const int Height = 28;

    [Fact]
    public void Weights_AreFloat16_CastToFloat32_OutputStaysFloat32()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var graph = ModelProto.Parser.ParseFrom(OnnxExporter.Export(model, new OnnxExportOptions { Fp16Weights = true })).Graph;

        foreach (var (name, tensor) in model.Weights)
        {
            var stored = graph.Initializer.Single(t => t.Name == name);
            Assert.Equal((int)TensorProto.Types.DataType.Float16, stored.DataType);
            Assert.Equal(tensor.Data.Length * 2, stored.RawData.Length);
            var cast = graph.Node.Single(n => n.Input.Contains(name));
            Assert.Equal("Cast", cast.OpType);
        }

        Assert.Equal((int)TensorProto.Types.DataType.Float, graph.Output.Single().Type.TensorType.ElemType);
    }

    [Fact]
    public void Output_IsWithinOneLevelOfFloat32()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var image = RandomStyleModels.Image(Width, Height);
        using var fp32 = new OnnxStylizer(model, new OnnxStylizerOptions { Export = OnnxExportOptions.Default });
        using var fp16 = OnnxStylizer.FromBytes(OnnxExporter.Export(model, new OnnxExportOptions { Fp16Weights = true }));

        var expected = fp32.Stylize(image, Width, Height);
        var actual = fp16.Stylize(image, Width, Height);

        float maxDiff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(maxDiff, 0f, 1.0f);
        // Rounding the weights must change something, or the test proves nothing.
        Assert.True(maxDiff > 0, "fp16 weights gave bit-identical output");
    }
}
