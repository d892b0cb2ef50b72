using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests;

public class OnnxExporterTests
{
    private static readonly StyleModel Model = RandomStyleModels.Create(RandomStyleModels.Small());

    private static ModelProto Parse(byte[] bytes) => ModelProto.Parser.ParseFrom(bytes);

    private static string[] Dims(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim.Select(d => d.HasDimValue ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.DimParam).ToArray();

    [Fact]
    public void Header_IsOpset17_IrVersion8_ProducedByPainterly()
    {
        var model = Parse(OnnxExporter.Export(Model));

        Assert.Equal(8, model.IrVersion);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(17, opset.Version);
        Assert.Equal("painterly", model.ProducerName);
    }

    [Fact]
    public void Default_HasSymbolicHeightAndWidth()
    {
        var graph = Parse(OnnxExporter.Export(Model)).Graph;

        var input = Assert.Single(graph.Input);
        var output = Assert.Single(graph.Output);
        Assert.Equal("image", input.Name);
        Assert.Equal("stylized", output.Name);
        Assert.Equal((int)TensorProto.Types.DataType.Float, input.Type.TensorType.ElemType);
        Assert.Equal((int)TensorProto.Types.DataType.Float, output.Type.TensorType.ElemType);
        Assert.Equal(["1", "3", "height", "width"], Dims(input));
        Assert.Equal(["1", "3", "height", "width"], Dims(output));
    }

    [Fact]
    public void FixedSize_HasFixedDims()
    {
        var graph = Parse(OnnxExporter.Export(Model, new OnnxExportOptions { FixedSize = new ImageSize(36, 28) })).Graph;

        Assert.Equal(["1", "3", "28", "36"], Dims(graph.Input[0]));
        Assert.Equal(["1", "3", "28", "36"], Dims(graph.Output[0]));
    }

    [Theory]
    [InlineData(34, 28)]
    [InlineData(36, 30)]
    [InlineData(4, 4)]
    public void FixedSize_NotAMultipleOf4OrTooSmall_Throws(int width, int height) =>
        Assert.Throws<ArgumentException>(() => OnnxExporter.Export(Model, new OnnxExportOptions { FixedSize = new ImageSize(width, height) }));

    [Fact]
    public void Weights_AreInitializers_NeverGraphInputs()
    {
        var graph = Parse(OnnxExporter.Export(Model)).Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);

        Assert.Equal(["image"], graph.Input.Select(i => i.Name));
        foreach (var (name, tensor) in Model.Weights)
        {
            var stored = initializers[name];
            Assert.Equal(tensor.Shape.Select(d => (long)d), stored.Dims);
            Assert.Equal((int)TensorProto.Types.DataType.Float, stored.DataType);
            Assert.Equal(tensor.Data, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(stored.RawData.Span).ToArray());
        }
    }

    [Fact]
    public void NodeNames_AreUniqueAndNamedAfterLayers()
    {
        var names = Parse(OnnxExporter.Export(Model)).Graph.Node.Select(n => n.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Superset(
            new HashSet<string> { "conv1/pad", "conv1/conv", "in1", "conv1/relu", "res1/conv1/pad", "res1/in2", "res1/add", "res2/add", "deconv1/upsample", "deconv3/conv", "output/clip" },
            names.ToHashSet());
    }

    [Fact]
    public void Transposed_UsesConvTransposeWithStride2()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small(StyleNetUpsample.Transposed));
        var nodes = Parse(OnnxExporter.Export(model)).Graph.Node;

        var deconv = nodes.Where(n => n.OpType == "ConvTranspose").ToList();
        Assert.Equal(["deconv1/convtranspose", "deconv2/convtranspose"], deconv.Select(n => n.Name));
        Assert.All(deconv, n => Assert.Equal([2L, 2L], n.Attribute.Single(a => a.Name == "strides").Ints));
        Assert.All(deconv, n => Assert.Equal([1L, 1L], n.Attribute.Single(a => a.Name == "output_padding").Ints));
        Assert.DoesNotContain(nodes, n => n.OpType == "Resize");
    }

    [Fact]
    public void PolyphaseOutputConv_ComputesFourPhasesAtStride2_ThenInterleaves()
    {
        var graph = Parse(OnnxExporter.Export(Model, new OnnxExportOptions { PolyphaseOutputConv = true })).Graph;

        var conv = graph.Node.Single(n => n.Name == "deconv3/conv");
        Assert.Equal([2L, 2L], conv.Attribute.Single(a => a.Name == "strides").Ints);
        Assert.Equal([12L, 8, 10, 10], graph.Initializer.Single(t => t.Name == conv.Input[1]).Dims);
        var interleave = graph.Node.Single(n => n.Input.SequenceEqual([conv.Output[0]]));
        Assert.Equal("DepthToSpace", interleave.OpType);
        Assert.Equal(graph.Node.Count(n => n.OpType == "Conv"), StyleNetArchitecture.Stages(Model.Config).Count);
        Assert.DoesNotContain(graph.Initializer, t => t.Name == "deconv3.conv2d.weight");
    }

    [Fact]
    public void Metadata_CarriesModelCard_ConfigAndVersion()
    {
        var info = new StyleModelInfo
        {
            StyleName = "starry-night",
            License = "CC-BY-4.0",
            Steps = 40000,
            Extra = new Dictionary<string, string> { ["dataset"] = "coco2017", ["license"] = "shadowed" },
        };
        var model = RandomStyleModels.Create(RandomStyleModels.Small(), info: info);

        var metadata = Parse(OnnxExporter.Export(model)).MetadataProps.ToDictionary(e => e.Key, e => e.Value);

        Assert.Equal("starry-night", metadata["style_name"]);
        Assert.Equal("CC-BY-4.0", metadata["license"]);
        Assert.Equal("40000", metadata["steps"]);
        Assert.Equal("coco2017", metadata["dataset"]);
        Assert.Equal(model.Config, StyleNetConfig.FromJson(metadata["stylenet_config"]));
        Assert.StartsWith("0.", metadata["painterly_version"], StringComparison.Ordinal);
        Assert.DoesNotContain("description", metadata.Keys);
    }

    [Fact]
    public void Export_IsDeterministic() =>
        Assert.Equal(OnnxExporter.Export(Model), OnnxExporter.Export(Model));

    [Fact]
    public void ExportToFile_WritesTheBytes_ReplacesAnOldFile_LeavesNoTempFiles()
    {
        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllText(path, "old");

        OnnxExporter.ExportToFile(Model, path);

        Assert.Equal(OnnxExporter.Export(Model), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }
}
