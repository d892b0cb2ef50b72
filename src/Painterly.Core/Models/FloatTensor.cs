namespace Painterly.Core.Models;

/// <summary>A dense float32 tensor in row-major (C) order.</summary>
public sealed class FloatTensor
{
    /// <summary>Wraps <paramref name="data"/>; its length must equal the product of <paramref name="shape"/>.</summary>
    public FloatTensor(int[] shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (ElementCount(shape) != data.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {ElementCount(shape)} values, got {data.Length}.", nameof(data));
        }

        Shape = shape;
        Data = data;
    }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>The values.</summary>
    public float[] Data { get; }

    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public static long ElementCount(IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException("Negative dimension.", nameof(shape));
            }

            count = checked(count * d);
        }

        return count;
    }
}
