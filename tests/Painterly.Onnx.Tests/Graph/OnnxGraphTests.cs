using Painterly.Core.Models;

namespace Painterly.Onnx.Tests.Graph;

public class OnnxGraphTests
{
    [Fact]
    public void ReadsNodesAttributesAndInitializersOfAnExport()
    {
        var model = SeededStyleModel.Create(new StyleNetConfig(8, 2), 4);
        var graph = OnnxGraph.Read(OnnxExporter.Export(model));
        Assert.Equal(17, graph.Opset);
        Assert.Equal("image", Assert.Single(graph.Inputs).Name);
        foreach (var (name, tensor) in model.Weights)
        {
            var read = graph.Initializers[name];
            Assert.Equal(tensor.Shape.Select(d => (long)d), read.Shape);
            Assert.Equal(tensor.Data, read.Floats);
        }

        var conv = graph.Nodes.First(n => n.OpType == "Conv");
        Assert.Equal([9L, 9L], conv.IntsAttribute("kernel_shape")!);
        Assert.Equal("reflect", graph.Nodes.First(n => n.OpType == "Pad").StringAttribute("mode", ""));
        Assert.Equal([0L, 0L, 4L, 4L, 0L, 0L, 4L, 4L], graph.Initializers["pads/4"].Int64s!);
    }

    [Fact]
    public void DecodesFloat16Initializers()
    {
        var model = SeededStyleModel.Create(new StyleNetConfig(8, 1), 4);
        var graph = OnnxGraph.Read(OnnxExporter.Export(model, new OnnxExportOptions { Fp16Weights = true }));
        var weight = graph.Initializers["conv1.conv2d.weight"];
        Assert.Equal("float16", weight.ElementType);
        var expected = model.Weights["conv1.conv2d.weight"].Data;
        Assert.All(expected.Zip(weight.Floats!), p => Assert.Equal((float)(Half)p.First, p.Second));
    }
}
