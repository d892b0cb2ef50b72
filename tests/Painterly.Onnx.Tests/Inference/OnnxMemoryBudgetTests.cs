using Google.Protobuf;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests.Inference;

/// <summary>A tiny .onnx file can ask ONNX Runtime for any amount of memory: the process-wide budget refuses it.</summary>
public sealed class OnnxMemoryBudgetTests
{
    [Fact]
    public void AGraphThatBlowsUpItsInputFailsInOneLineInsteadOfTakingTheMemory()
    {
        // Upsampling 128x then max-pooling back: about 13 GB for a 256x256 image, from a file of a few hundred bytes.
        byte[] file = Blowup(128).ToByteArray();
        Assert.InRange(file.Length, 1, 400);
        using var stylizer = OnnxStylizer.FromBytes(file);

        var error = Assert.Throws<InvalidDataException>(() => stylizer.Stylize(new float[3 * 256 * 256], 256, 256));

        Assert.Contains("memory budget", error.Message, StringComparison.Ordinal);
        Assert.Contains("256x256", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".cc:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameGraphWithinTheBudgetRunsSoTheTestAboveCanFail()
    {
        using var stylizer = OnnxStylizer.FromBytes(Blowup(2).ToByteArray());
        var input = Enumerable.Range(0, 3 * 16 * 16).Select(i => (float)(i % 251)).ToArray();
        Assert.Equal(input, stylizer.Stylize(input, 16, 16));
    }

    /// <summary>input [1,3,h,w] -> Resize x<paramref name="factor"/> (nearest) -> MaxPool factor -> output: the identity.</summary>
    private static ModelProto Blowup(int factor)
    {
        static ValueInfoProto Image(string name) => new()
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 1 }, new TensorShapeProto.Types.Dimension { DimValue = 3 }, new TensorShapeProto.Types.Dimension { DimParam = "h" }, new TensorShapeProto.Types.Dimension { DimParam = "w" } } },
                },
            },
        };

        var scales = new TensorProto { Name = "scales", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 4 }, FloatData = { 1, 1, factor, factor } };
        var graph = new GraphProto { Name = "blowup", Input = { Image("input") }, Output = { Image("output") }, Initializer = { scales } };
        graph.Node.Add(new NodeProto { OpType = "Resize", Input = { "input", "", "scales" }, Output = { "big" }, Attribute = { new AttributeProto { Name = "mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("nearest") } } });
        graph.Node.Add(new NodeProto
        {
            OpType = "MaxPool",
            Input = { "big" },
            Output = { "output" },
            Attribute =
            {
                new AttributeProto { Name = "kernel_shape", Type = AttributeProto.Types.AttributeType.Ints, Ints = { factor, factor } },
                new AttributeProto { Name = "strides", Type = AttributeProto.Types.AttributeType.Ints, Ints = { factor, factor } },
            },
        });
        return new ModelProto { IrVersion = 7, Graph = graph, OpsetImport = { new OperatorSetIdProto { Version = 13 } } };
    }
}
