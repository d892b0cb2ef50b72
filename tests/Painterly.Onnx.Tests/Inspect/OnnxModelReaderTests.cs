using Painterly.Core.Images;
using Google.Protobuf;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests;

public class OnnxModelReaderTests
{
    [Fact]
    public void Summary_OfANearestExport_CountsEveryLayer()
    {
        var config = RandomStyleModels.Small();
        var model = RandomStyleModels.Create(config, info: new StyleModelInfo { StyleName = "mosaic" });
        var stages = StyleNetArchitecture.Stages(config);

        var summary = OnnxModelReader.Read(OnnxExporter.Export(model));

        Assert.Equal(stages.Count, summary.OpHistogram["Conv"]);
        Assert.Equal(stages.Count, summary.OpHistogram["Pad"]);
        Assert.Equal(stages.Count(s => s.Norm is not null), summary.OpHistogram["InstanceNormalization"]);
        Assert.Equal(stages.Count(s => s.Relu), summary.OpHistogram["Relu"]);
        Assert.Equal(config.ResidualBlocks, summary.OpHistogram["Add"]);
        Assert.Equal(2, summary.OpHistogram["Resize"]);
        Assert.Equal(1, summary.OpHistogram["Clip"]);
        Assert.Equal(summary.NodeCount, summary.OpHistogram.Values.Sum());
        Assert.Equal("image: float32[1, 3, height, width]", Assert.Single(summary.Inputs).ToString());
        Assert.Equal("stylized: float32[1, 3, height, width]", Assert.Single(summary.Outputs).ToString());
        Assert.Equal(new OnnxOpsetImport("", 17), Assert.Single(summary.OpsetImports));
        Assert.Equal(8, summary.IrVersion);
        Assert.Equal("painterly", summary.ProducerName);
        Assert.Equal("mosaic", summary.GraphName);
        Assert.Equal("mosaic", summary.Metadata["style_name"]);
        // Weights, plus the float constants: 4 upsample scales and the two clip bounds.
        Assert.Equal(model.ParameterCount + 6, summary.ParameterCount);
        // Weights, the two pad sizes, the scales and the two clip bounds.
        Assert.Equal(model.Weights.Count + 5, summary.InitializerCount);
        Assert.Equal((model.ParameterCount + 6) * 4 + 2 * 8 * 8, summary.InitializerBytes);
    }

    [Fact]
    public void Summary_OfATransposedFp16FixedExport()
    {
        var config = RandomStyleModels.Small(StyleNetUpsample.Transposed);
        var model = RandomStyleModels.Create(config);

        var summary = OnnxModelReader.Read(OnnxExporter.Export(model, new OnnxExportOptions { Fp16Weights = true, FixedSize = new ImageSize(64, 32) }));

        Assert.Equal(StyleNetArchitecture.Stages(config).Count - 2, summary.OpHistogram["Conv"]);
        Assert.Equal(2, summary.OpHistogram["ConvTranspose"]);
        Assert.Equal(model.Weights.Count, summary.OpHistogram["Cast"]);
        Assert.DoesNotContain("Resize", summary.OpHistogram.Keys);
        Assert.Equal("image: float32[1, 3, 32, 64]", summary.Inputs[0].ToString());
        Assert.Equal(model.ParameterCount * 2 + 2 * 4 + 2 * 8 * 8, summary.InitializerBytes);
    }

    [Fact]
    public void ReadFile_MatchesRead()
    {
        var bytes = OnnxExporter.Export(RandomStyleModels.Create(RandomStyleModels.Small()));
        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllBytes(path, bytes);

        var fromFile = OnnxModelReader.ReadFile(path);
        var fromBytes = OnnxModelReader.Read(bytes);

        Assert.Equal(fromBytes.OpHistogram, fromFile.OpHistogram);
        Assert.Equal(fromBytes.InitializerBytes, fromFile.InitializerBytes);
    }

    [Fact]
    public void UnknownFields_AreSkipped()
    {
        // What newer or foreign writers add: ModelProto.functions (25), GraphProto.metadata_props (16), a varint (30).
        var graph = new GraphProto { Name = "g" };
        graph.Node.Add(new NodeProto { OpType = "Relu", Input = { "x" }, Output = { "y" } });
        byte[] graphBytes = [.. graph.ToByteArray(), .. Field(16, [0x0A, 0x01, (byte)'k'])];
        byte[] model = [.. Field(7, graphBytes), 0x08, 0x09, .. Field(25, [1, 2, 3]), 0xF0, 0x01, 0x05, 0x42, 0x02, 0x10, 0x11];

        var summary = OnnxModelReader.Read(model);

        Assert.Equal(9, summary.IrVersion);
        Assert.Equal(1, summary.OpHistogram["Relu"]);
        Assert.Equal(new OnnxOpsetImport("", 17), Assert.Single(summary.OpsetImports));
    }

    [Fact]
    public void LegacyInitializerInputs_AreNotListedAsInputs_ForeignDomainsAreKeyed()
    {
        var model = new ModelProto { IrVersion = 3, ProducerName = "pytorch", Graph = new GraphProto() };
        model.Graph.Initializer.Add(new TensorProto { Name = "w", DataType = 1, Dims = { 2, 3 }, FloatData = { 1, 2, 3, 4, 5, 6 } });
        model.Graph.Input.Add(new ValueInfoProto { Name = "x", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        model.Graph.Input.Add(new ValueInfoProto { Name = "w", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        model.Graph.Node.Add(new NodeProto { OpType = "FusedConv", Domain = "com.microsoft" });

        var summary = OnnxModelReader.Read(model.ToByteArray());

        Assert.Equal("x: float32[...]", Assert.Single(summary.Inputs).ToString());
        Assert.Equal(6, summary.ParameterCount);
        Assert.Equal(24, summary.InitializerBytes);
        Assert.Equal(1, summary.OpHistogram["com.microsoft:FusedConv"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello, this is not a model\n")]
    [InlineData("\u0089PNG\r\n\u001a\n\0\0\0\rIHDR")]
    public void Garbage_IsRejectedWithAOneLineMessage(string text)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(text);

        var e = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(bytes, "photo.png"));

        Assert.StartsWith("'photo.png' is not an ONNX model", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void RandomBytes_AreRejected()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);

        Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(bytes));
    }

    [Fact]
    public void FilesOverTheLimit_AreRefusedBeforeReading()
    {
        using var directory = new TempDirectory();
        string path = directory.File("big.onnx");
        File.WriteAllBytes(path, OnnxExporter.Export(RandomStyleModels.Create(RandomStyleModels.Small())));

        var e = Assert.Throws<InvalidDataException>(() => OnnxModelReader.ReadFile(path, maxBytes: 1000));
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Field(int number, byte[] payload)
    {
        var output = new MemoryStream();
        var coded = new CodedOutputStream(output);
        coded.WriteTag(number, WireFormat.WireType.LengthDelimited);
        coded.WriteBytes(ByteString.CopyFrom(payload));
        coded.Flush();
        return output.ToArray();
    }
}
