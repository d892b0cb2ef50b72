using Google.Protobuf;
using Painterly.CoreML.Specification.Mil;
using ValueType = Painterly.CoreML.Specification.Mil.ValueType;

namespace Painterly.CoreML.MlProgram;

/// <summary>Builders for the MIL types and immediate values an export writes.</summary>
internal static class MilValues
{
    /// <summary>A tensor type; a null dimension is unknown (a flexible image side).</summary>
    public static ValueType Tensor(DataType dataType, params long?[] shape)
    {
        var tensor = new TensorType { DataType = dataType, Rank = shape.Length };
        foreach (long? dim in shape)
        {
            tensor.Dimensions.Add(dim is { } size
                ? new Dimension { Constant = new Dimension.Types.ConstantDimension { Size = (ulong)size } }
                : new Dimension { Unknown = new Dimension.Types.UnknownDimension { Variadic = false } });
        }

        return new ValueType { TensorType = tensor };
    }

    /// <summary>A string scalar (op attributes, <c>pad_type</c>, <c>mode</c>, <c>dtype</c>).</summary>
    public static Value String(string text) => Immediate(
        Tensor(DataType.String),
        new TensorValue { Strings = new TensorValue.Types.RepeatedStrings { Values = { text } } });

    /// <summary>An int32 scalar.</summary>
    public static Value Int(int value) => Immediate(
        Tensor(DataType.Int32),
        new TensorValue { Ints = new TensorValue.Types.RepeatedInts { Values = { value } } });

    /// <summary>An int32 vector.</summary>
    public static Value Ints(params int[] values) => Immediate(
        Tensor(DataType.Int32, values.Length),
        new TensorValue { Ints = new TensorValue.Types.RepeatedInts { Values = { values } } });

    /// <summary>A float scalar or small tensor, float32 or (as little-endian half bytes) float16.</summary>
    public static Value Floats(bool fp16, long?[] shape, params float[] values)
    {
        var type = Tensor(fp16 ? DataType.Float16 : DataType.Float32, shape);
        if (!fp16)
        {
            return Immediate(type, new TensorValue { Floats = new TensorValue.Types.RepeatedFloats { Values = { values } } });
        }

        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(2 * i), (Half)values[i]);
        }

        return Immediate(type, new TensorValue { Bytes = new TensorValue.Types.RepeatedBytes { Values = ByteString.CopyFrom(bytes) } });
    }

    /// <summary>A value stored in the weights file at the metadata record <paramref name="offset"/>.</summary>
    public static Value BlobFile(ValueType type, ulong offset) => new()
    {
        Type = type,
        BlobFileValue = new Value.Types.BlobFileValue { FileName = MilBlobFormat.ProgramFileName, Offset = offset },
    };

    private static Value Immediate(ValueType type, TensorValue tensor) => new()
    {
        Type = type,
        ImmediateValue = new Value.Types.ImmediateValue { Tensor = tensor },
    };
}
