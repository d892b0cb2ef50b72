using System.Buffers.Binary;
using Google.Protobuf;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>Initializer tensors, stored as little-endian <c>raw_data</c> as the ONNX spec requires.</summary>
internal static class OnnxTensors
{
    public static TensorProto Float(string name, IEnumerable<long> dims, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return Tensor(name, TensorProto.Types.DataType.Float, dims, bytes);
    }

    /// <summary>Rounds each value to the nearest float16 (IEEE 754 binary16).</summary>
    public static TensorProto Float16(string name, IEnumerable<long> dims, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(ushort)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * sizeof(ushort)), (Half)values[i]);
        }

        return Tensor(name, TensorProto.Types.DataType.Float16, dims, bytes);
    }

    public static TensorProto Int64(string name, params long[] values)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        return Tensor(name, TensorProto.Types.DataType.Int64, [values.Length], bytes);
    }

    public static TensorProto Int32(string name, IEnumerable<long> dims, ReadOnlySpan<int> values)
    {
        var bytes = new byte[values.Length * sizeof(int)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), values[i]);
        }

        return Tensor(name, TensorProto.Types.DataType.Int32, dims, bytes);
    }

    public static TensorProto Int8(string name, IEnumerable<long> dims, ReadOnlySpan<sbyte> values) =>
        Tensor(name, TensorProto.Types.DataType.Int8, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A rank-0 tensor, the form Clip's bounds and Pad's constant take.</summary>
    public static TensorProto FloatScalar(string name, float value) => Float(name, [], [value]);

    /// <summary>A rank-0 uint8 tensor.</summary>
    public static TensorProto UInt8Scalar(string name, byte value) =>
        Tensor(name, TensorProto.Types.DataType.Uint8, [], [value]);

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, IEnumerable<long> dims, byte[] bytes)
    {
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)type,
            // The buffer is ours and never changes, so wrapping it saves a copy of every weight.
            RawData = UnsafeByteOperations.UnsafeWrap(bytes),
        };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
