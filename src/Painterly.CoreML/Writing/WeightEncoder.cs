using System.Buffers.Binary;
using Google.Protobuf;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Writing;

/// <summary>Packs float values into a <see cref="WeightParams"/> as float32 or IEEE half (little-endian bytes).</summary>
internal static class WeightEncoder
{
    public static WeightParams Encode(ReadOnlySpan<float> values, bool fp16, string name)
    {
        var weights = new WeightParams();
        if (!fp16)
        {
            weights.FloatValue.Capacity = values.Length;
            foreach (float v in values)
            {
                weights.FloatValue.Add(v);
            }

            return weights;
        }

        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            var half = (Half)values[i];
            if (Half.IsInfinity(half) && !float.IsInfinity(values[i]))
            {
                throw new ArgumentException($"Weight '{name}' holds {values[i]}, beyond float16's range (65504); export with float32 weights.");
            }

            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(2 * i), half);
        }

        // The array is never touched again, so wrapping it saves a copy.
        weights.Float16Value = UnsafeByteOperations.UnsafeWrap(bytes);
        return weights;
    }
}
