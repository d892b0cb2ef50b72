namespace Painterly.Onnx;

/// <summary>Names and sizes of ONNX <c>TensorProto.DataType</c> values.</summary>
internal static class OnnxElementTypes
{
    // Indexed by the enum value in upstream onnx.proto; newer types than this table name themselves by number.
    private static readonly (string Name, int Bits)[] Types =
    [
        ("undefined", 0), ("float32", 32), ("uint8", 8), ("int8", 8), ("uint16", 16), ("int16", 16), ("int32", 32),
        ("int64", 64), ("string", 0), ("bool", 8), ("float16", 16), ("float64", 64), ("uint32", 32), ("uint64", 64),
        ("complex64", 64), ("complex128", 128), ("bfloat16", 16), ("float8e4m3fn", 8), ("float8e4m3fnuz", 8),
        ("float8e5m2", 8), ("float8e5m2fnuz", 8), ("uint4", 4), ("int4", 4), ("float4e2m1", 4),
    ];

    public static string Name(int dataType) =>
        dataType >= 0 && dataType < Types.Length ? Types[dataType].Name : $"type{dataType}";

    /// <summary>Storage bits per element; 0 when variable (strings) or unknown.</summary>
    public static int Bits(int dataType) =>
        dataType >= 0 && dataType < Types.Length ? Types[dataType].Bits : 0;

    public static bool IsFloatingPoint(int dataType) =>
        dataType is 1 or 10 or 11 or 16 or (>= 17 and <= 20) or 23;
}
