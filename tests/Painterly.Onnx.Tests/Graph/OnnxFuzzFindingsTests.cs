using Google.Protobuf;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests.Graph;

/// <summary>
/// What fuzzing the ONNX readers found (tools/fuzz/run.sh onnx; docs/security.md): each crashing input, rebuilt as a
/// small export with the one change that made it crash. Each is now refused with one line naming the file, or, for
/// the importer, not taken for a StyleNet.
/// </summary>
public class OnnxFuzzFindingsTests
{
    private const string Source = "fuzzed.onnx";

    [Fact]
    public void RepeatedAttributeName_IsRefusedInOneLine()
    {
        // Was an ArgumentException from building the node's attribute dictionary.
        var model = Export();
        var conv = model.Graph.Node.First(n => n.OpType == "Conv");
        conv.Attribute.Add(conv.Attribute.First(a => a.Name == "strides").Clone());
        AssertRefused(model, $"has attribute 'strides' twice");
    }

    [Fact]
    public void TensorAttributeWithoutATensor_IsRefusedInOneLine()
    {
        // Was a NullReferenceException: the type said tensor, the tensor field was absent.
        var model = Export();
        model.Graph.Node.Add(new NodeProto
        {
            OpType = "Constant",
            Output = { "c" },
            Attribute = { new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor } },
        });
        AssertRefused(model, "attribute 'value' of node 'Constant' is declared a tensor but holds none");
    }

    [Theory]
    [InlineData(new long[] { int.MaxValue, int.MaxValue, int.MaxValue })]
    [InlineData(new long[] { 65536, 65536 })]
    public void ShapeOfMoreElementsThanAnArrayHolds_IsRefusedInOneLine(long[] dims)
    {
        // The first was an OverflowException from the element count; both are refused before any size is computed from them.
        var model = Export();
        model.Graph.Initializer.Add(new TensorProto { Name = "huge", DataType = (int)TensorProto.Types.DataType.Float, Dims = { dims } });
        AssertRefused(model, "tensor 'huge' has shape");
    }

    [Fact]
    public void ShapeWithAZeroDimension_IsAnEmptyTensor()
    {
        var model = Export();
        model.Graph.Initializer.Add(new TensorProto { Name = "empty", DataType = (int)TensorProto.Types.DataType.Float, Dims = { int.MaxValue, 0, int.MaxValue } });
        var graph = OnnxGraph.Read(model.ToByteArray(), Source);
        Assert.Empty(graph.Initializers["empty"].Floats!);
    }

    [Theory]
    [InlineData("Conv")]
    [InlineData("Clip")]
    public void StyleNetWhoseLastNodeListsNoOutput_IsNotTakenForAStyleNet(string opType)
    {
        // Was an IndexOutOfRangeException in the importer, which read the last node's first output unchecked.
        var model = Export();
        Assert.NotNull(OnnxStyleNetImporter.TryImport(OnnxGraph.Read(model.ToByteArray(), Source), Source, out _));
        model.Graph.Node.Last(n => n.OpType == opType).Output.Clear();
        var graph = OnnxGraph.Read(model.ToByteArray(), Source);
        Assert.Null(OnnxStyleNetImporter.TryImport(graph, Source, out string whyNot));
        Assert.Contains("output", whyNot, StringComparison.Ordinal);
    }

    private static ModelProto Export() =>
        ModelProto.Parser.ParseFrom(OnnxExporter.Export(SeededStyleModel.Create(new StyleNetConfig(1, 0), seed: 1)));

    private static void AssertRefused(ModelProto model, string fragment)
    {
        byte[] bytes = model.ToByteArray();
        var e = Assert.Throws<InvalidDataException>(() => OnnxGraph.Read(bytes, Source));
        Assert.StartsWith($"'{Source}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);

        // inspect's summary reads the same bytes without failing.
        Assert.Equal(model.Graph.Node.Count, OnnxModelReader.Read(bytes, Source).NodeCount);
    }
}
