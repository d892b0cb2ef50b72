using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Painterly.Onnx.Protos;
using DataType = Painterly.Onnx.Protos.TensorProto.Types.DataType;

namespace Painterly.Onnx;

/// <summary>Turns parsed protobuf messages into <see cref="OnnxGraph"/> values, checking every tensor's size.</summary>
internal static class OnnxGraphDecoder
{
    public static OnnxGraph Decode(ModelProto model, string source)
    {
        var graph = model.Graph;
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
        {
            initializers[tensor.Name] = Tensor(tensor, source);
        }

        var nodes = graph.Node.Select(n => new OnnxNode(n.Name, n.OpType, n.Domain, [.. n.Input], [.. n.Output], Attributes(n, source))).ToList();
        var summary = OnnxModelSummarizer.Summarize(model);
        return new OnnxGraph(nodes, initializers, summary.Inputs, summary.Outputs, summary.OpsetImports);
    }

    private static Dictionary<string, object> Attributes(NodeProto node, string source)
    {
        var attributes = new Dictionary<string, object>(node.Attribute.Count, StringComparer.Ordinal);
        foreach (var a in node.Attribute)
        {
            // The ONNX checker refuses a repeated name too: which value would the node use?
            if (!attributes.TryAdd(a.Name, Attribute(a, node, source)))
            {
                throw new InvalidDataException($"'{source}': node '{Label(node)}' has attribute '{a.Name}' twice.");
            }
        }

        return attributes;
    }

    private static object Attribute(AttributeProto a, NodeProto node, string source)
    {
        if (a.Type == AttributeProto.Types.AttributeType.Tensor && a.T is null)
        {
            throw new InvalidDataException($"'{source}': attribute '{a.Name}' of node '{Label(node)}' is declared a tensor but holds none.");
        }

        // Older exporters leave the type unset; infer it from the field that holds a value.
        return a.Type switch
        {
            AttributeProto.Types.AttributeType.Int => a.I,
            AttributeProto.Types.AttributeType.Float => a.F,
            AttributeProto.Types.AttributeType.String => a.S.ToStringUtf8(),
            AttributeProto.Types.AttributeType.Ints => a.Ints.ToArray(),
            AttributeProto.Types.AttributeType.Floats => a.Floats.ToArray(),
            AttributeProto.Types.AttributeType.Strings => a.Strings.Select(s => s.ToStringUtf8()).ToArray(),
            AttributeProto.Types.AttributeType.Tensor => Tensor(a.T, source),
            _ when a.Ints.Count > 0 => a.Ints.ToArray(),
            _ when a.Floats.Count > 0 => a.Floats.ToArray(),
            _ when a.T is not null => Tensor(a.T, source),
            _ when a.HasS => a.S.ToStringUtf8(),
            _ when a.HasF => a.F,
            _ => a.I,
        };
    }

    /// <summary>Decodes a tensor's values, refusing external data and lengths that disagree with the shape.</summary>
    public static OnnxTensor Tensor(TensorProto t, string source)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External || t.ExternalData.Count > 0)
        {
            throw new InvalidDataException($"'{source}': tensor '{t.Name}' keeps its data in an external file; save the model with the weights inside.");
        }

        foreach (long d in t.Dims)
        {
            if (d < 0 || d > int.MaxValue)
            {
                throw new InvalidDataException($"'{source}': tensor '{t.Name}' has a bad dimension {d}.");
            }
        }

        // Bounded by what one array holds (a zero dimension empties any shape), so neither the product nor the
        // byte count below can overflow.
        long count = t.Dims.Contains(0L) ? 0 : 1;
        for (int i = 0; i < t.Dims.Count && count > 0; i++)
        {
            if (count > Array.MaxLength / t.Dims[i])
            {
                throw new InvalidDataException($"'{source}': tensor '{t.Name}' has shape [{string.Join(", ", t.Dims)}], more than the {Array.MaxLength} elements one array holds.");
            }

            count *= t.Dims[i];
        }

        var type = (DataType)t.DataType;
        string typeName = OnnxElementTypes.Name(t.DataType);
        var raw = t.RawData.Span;
        int size = ElementSize(type);
        if (!t.RawData.IsEmpty && (size == 0 || raw.Length != count * size))
        {
            throw new InvalidDataException($"'{source}': tensor '{t.Name}' holds {raw.Length} bytes, its shape needs {count} {typeName} values.");
        }

        float[]? floats = null;
        long[]? ints = null;
        switch (type)
        {
            case DataType.Float:
                floats = raw.IsEmpty ? Checked(t.FloatData.ToArray(), count, t, source) : MemoryMarshal.Cast<byte, float>(raw).ToArray();
                break;
            case DataType.Double:
                floats = raw.IsEmpty ? Checked(t.DoubleData.Select(v => (float)v).ToArray(), count, t, source) : MemoryMarshal.Cast<byte, double>(raw).ToArray().Select(v => (float)v).ToArray();
                break;
            case DataType.Float16:
                floats = raw.IsEmpty
                    ? Checked(t.Int32Data.Select(v => (float)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray(), count, t, source)
                    : MemoryMarshal.Cast<byte, Half>(raw).ToArray().Select(v => (float)v).ToArray();
                break;
            case DataType.Bfloat16:
                floats = raw.IsEmpty
                    ? Checked(t.Int32Data.Select(v => BitConverter.Int32BitsToSingle(v << 16)).ToArray(), count, t, source)
                    : MemoryMarshal.Cast<byte, ushort>(raw).ToArray().Select(v => BitConverter.Int32BitsToSingle(v << 16)).ToArray();
                break;
            case DataType.Int64:
                ints = raw.IsEmpty ? Checked(t.Int64Data.ToArray(), count, t, source) : MemoryMarshal.Cast<byte, long>(raw).ToArray();
                break;
            case DataType.Int32 or DataType.Int16 or DataType.Int8 or DataType.Uint8 or DataType.Uint16 or DataType.Bool:
                ints = raw.IsEmpty ? Checked(t.Int32Data.Select(v => (long)v).ToArray(), count, t, source) : Integers(type, raw);
                break;
            case DataType.Uint32 or DataType.Uint64:
                ints = raw.IsEmpty ? Checked(t.Uint64Data.Select(v => (long)v).ToArray(), count, t, source) : Integers(type, raw);
                break;
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw data is little-endian.");
        }

        return new OnnxTensor(t.Name, typeName, [.. t.Dims], floats, ints);
    }

    private static string Label(NodeProto node) => node.Name.Length > 0 ? node.Name : node.OpType;

    private static T[] Checked<T>(T[] values, long count, TensorProto t, string source) => values.Length == count
        ? values
        : throw new InvalidDataException($"'{source}': tensor '{t.Name}' has {values.Length} values, its shape needs {count}.");

    private static long[] Integers(DataType type, ReadOnlySpan<byte> raw)
    {
        int size = ElementSize(type);
        var values = new long[raw.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var bytes = raw.Slice(i * size, size);
            values[i] = type switch
            {
                DataType.Int8 => (sbyte)bytes[0],
                DataType.Uint8 or DataType.Bool => bytes[0],
                DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
                DataType.Uint16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
                DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                DataType.Uint32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
                _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            };
        }

        return values;
    }

    private static int ElementSize(DataType type) => type switch
    {
        DataType.Float or DataType.Int32 or DataType.Uint32 => 4,
        DataType.Double or DataType.Int64 or DataType.Uint64 => 8,
        DataType.Float16 or DataType.Bfloat16 or DataType.Int16 or DataType.Uint16 => 2,
        DataType.Int8 or DataType.Uint8 or DataType.Bool => 1,
        _ => 0,
    };
}
