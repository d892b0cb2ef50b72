using Google.Protobuf;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests.Import;

/// <summary>A mobile-form graph that differs from what the export writes is refused, in one line.</summary>
public class MobileImportTests
{
    private static ModelProto Export() =>
        ModelProto.Parser.ParseFrom(OnnxExporter.Export(SeededStyleModel.Create(new StyleNetConfig(16, 2, Form: StyleNetForm.Mobile), 3)));

    [Fact]
    public void A_depthwise_convolution_without_its_groups_is_not_a_mobile_stylenet()
    {
        var proto = Export();
        var depthwise = proto.Graph.Node.First(n => n.OpType == "Conv" && n.Attribute.Any(a => a.Name == "group"));
        depthwise.Attribute.Remove(depthwise.Attribute.First(a => a.Name == "group"));

        Assert.Null(OnnxStyleNetImporter.TryImport(OnnxGraph.Read(proto.ToByteArray()), "grouped", out string whyNot));
        Assert.Contains("has 1 groups", whyNot, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_output_bias_is_named_in_one_line()
    {
        var proto = Export();
        var bias = proto.Graph.Initializer.First(t => t.Name == "deconv1.conv2d.bias/dcr");
        bias.Dims[0] = 47;
        if (bias.FloatData.Count > 0)
        {
            bias.FloatData.RemoveAt(0);
        }
        else
        {
            bias.RawData = ByteString.CopyFrom(bias.RawData.Span[4..]);
        }

        var error = Assert.Throws<InvalidDataException>(() => { OnnxStyleNetImporter.TryImport(OnnxGraph.Read(proto.ToByteArray()), "short-bias", out _); });
        Assert.Contains("'short-bias'", error.Message, StringComparison.Ordinal);
        Assert.Contains("deconv1.conv2d.bias", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
