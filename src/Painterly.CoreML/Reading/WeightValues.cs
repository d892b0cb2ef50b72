using System.Buffers.Binary;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Reading;

/// <summary>The storage of a <see cref="WeightParams"/>.</summary>
internal enum WeightPrecision
{
    /// <summary>No value field is set.</summary>
    Empty,

    /// <summary><c>floatValue</c>.</summary>
    Float32,

    /// <summary><c>float16Value</c>.</summary>
    Float16,

    /// <summary><c>rawValue</c> or <c>int8RawValue</c> (quantized or raw bytes).</summary>
    Quantized,

    /// <summary>More than one value field is set, which Core ML rejects.</summary>
    Mixed,
}

/// <summary>Decodes <see cref="WeightParams"/> to float32 values.</summary>
internal static class WeightValues
{
    public static WeightPrecision PrecisionOf(WeightParams? weights)
    {
        if (weights is null)
        {
            return WeightPrecision.Empty;
        }

        int set = (weights.FloatValue.Count > 0 ? 1 : 0) + (weights.Float16Value.Length > 0 ? 1 : 0)
            + (weights.RawValue.Length > 0 || weights.Int8RawValue.Length > 0 ? 1 : 0);
        return set switch
        {
            0 => WeightPrecision.Empty,
            > 1 => WeightPrecision.Mixed,
            _ when weights.FloatValue.Count > 0 => WeightPrecision.Float32,
            _ when weights.Float16Value.Length > 0 => WeightPrecision.Float16,
            _ => WeightPrecision.Quantized,
        };
    }

    /// <summary>Number of values stored (for quantized weights, unknown without decoding: 0).</summary>
    public static long CountOf(WeightParams? weights) => PrecisionOf(weights) switch
    {
        WeightPrecision.Float32 => weights!.FloatValue.Count,
        WeightPrecision.Float16 => weights!.Float16Value.Length / 2,
        _ => 0,
    };

    /// <summary>Bytes the values take in the file.</summary>
    public static long BytesOf(WeightParams? weights) => weights is null
        ? 0
        : (4L * weights.FloatValue.Count) + weights.Float16Value.Length + weights.RawValue.Length + weights.Int8RawValue.Length;

    /// <summary>The values as float32.</summary>
    /// <exception cref="InvalidDataException">The weights are mixed, quantized, or odd-length half bytes.</exception>
    /// <exception cref="NotSupportedException">The weights are quantized.</exception>
    public static float[] Read(WeightParams? weights, string layer, string role)
    {
        switch (PrecisionOf(weights))
        {
            case WeightPrecision.Empty:
                return [];
            case WeightPrecision.Float32:
                return [.. weights!.FloatValue];
            case WeightPrecision.Float16:
                var bytes = weights!.Float16Value.Span;
                if (bytes.Length % 2 != 0)
                {
                    throw new InvalidDataException($"Layer '{layer}': {role} float16Value has an odd byte count ({bytes.Length}).");
                }

                var values = new float[bytes.Length / 2];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
                }

                return values;
            case WeightPrecision.Quantized:
                throw new NotSupportedException($"Layer '{layer}': {role} are quantized (rawValue), which this interpreter does not support.");
            default:
                throw new InvalidDataException($"Layer '{layer}': {role} set more than one of floatValue, float16Value and rawValue.");
        }
    }
}
