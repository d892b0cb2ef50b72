using System.Buffers.Binary;
using Painterly.CoreML.MlProgram;
using Painterly.CoreML.Specification.Mil;

namespace Painterly.CoreML.Interpreting.Mil;

/// <summary>Decodes MIL constant values: inline floats, half bytes, ints and strings, and weights-file blobs.</summary>
internal static class MilConstants
{
    public static MilValue Decode(Value value, string label, MilBlobReader? blobs)
    {
        var type = value.Type?.TensorType ?? throw new InvalidDataException($"MIL const '{label}' has no tensor type.");
        long[] shape = [.. type.Dimensions.Select(MilProgramCheck.Size)];
        bool fp16 = type.DataType == DataType.Float16;
        long count = MilProgramCheck.ElementCount("program", label, type);
        if (value.ValueCase == Value.ValueOneofCase.BlobFileValue)
        {
            var reader = blobs ?? throw new InvalidDataException($"MIL const '{label}' points into a weights file the package lacks.");
            return new MilValue(shape, reader.ReadFloats(value.BlobFileValue.Offset, count, fp16), Fp16: fp16);
        }

        var tensor = value.ImmediateValue?.Tensor ?? throw new InvalidDataException($"MIL const '{label}' has no value.");
        MilValue decoded = tensor.ValueCase switch
        {
            TensorValue.ValueOneofCase.Floats => new(shape, [.. tensor.Floats.Values]),
            TensorValue.ValueOneofCase.Ints => new(shape, Ints: [.. tensor.Ints.Values]),
            TensorValue.ValueOneofCase.Strings when tensor.Strings.Values.Count == 1 => new(shape, Text: tensor.Strings.Values[0]),
            TensorValue.ValueOneofCase.Bytes when fp16 => new(shape, Halves(tensor.Bytes.Values.Span), Fp16: true),
            _ => throw new NotSupportedException($"MIL const '{label}' holds {type.DataType} {tensor.ValueCase} values; the interpreter reads floats, halves, int32 and strings."),
        };
        int length = decoded.Floats?.Length ?? decoded.Ints?.Length ?? 1;
        if (length != count)
        {
            throw new InvalidDataException($"MIL const '{label}' holds {length} values; its type {MilProgramCheck.Describe(type)} needs {count}.");
        }

        return decoded;
    }

    private static float[] Halves(ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / 2];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
        }

        return values;
    }
}
