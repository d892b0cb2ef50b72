namespace Painterly.CoreML.Converting;

/// <summary>
/// A constant value met while converting an ONNX graph (initializer, Constant node, or folded subgraph). Values are
/// doubles so int64 sizes and float weights share one representation; the graphs folded here are tiny.
/// </summary>
internal sealed class ConstantTensor
{
    /// <summary>Most elements a folded tensor may have: the plumbing PyTorch emits is a handful of integers.</summary>
    public const long MaxFoldedElements = 1 << 24;

    public ConstantTensor(long[] shape, double[] values, bool isFloat)
    {
        if (shape.Any(d => d < 0) || shape.Aggregate(1L, (a, d) => checked(a * d)) != values.Length)
        {
            throw new InvalidDataException($"A constant of shape [{string.Join(", ", shape)}] cannot hold {values.Length} values.");
        }

        Shape = shape;
        Values = values;
        IsFloat = isFloat;
    }

    public long[] Shape { get; }

    public double[] Values { get; }

    /// <summary>Float (as opposed to integer or bool) element type.</summary>
    public bool IsFloat { get; }

    public int Rank => Shape.Length;

    public static ConstantTensor From(Onnx.OnnxTensor tensor)
    {
        if (tensor.Floats is { } floats)
        {
            return new([.. tensor.Shape], [.. floats.Select(f => (double)f)], isFloat: true);
        }

        if (tensor.Int64s is { } ints)
        {
            return new([.. tensor.Shape], [.. ints.Select(i => (double)i)], isFloat: false);
        }

        throw new InvalidDataException($"ONNX constant '{tensor.Name}' has element type {tensor.ElementType}, which the converter cannot use.");
    }

    public static ConstantTensor Scalar(double value, bool isFloat) => new([], [value], isFloat);

    public static ConstantTensor Vector(IEnumerable<long> values) => Vector(values.Select(v => (double)v), isFloat: false);

    public static ConstantTensor Vector(IEnumerable<double> values, bool isFloat)
    {
        double[] data = [.. values];
        return new([data.Length], data, isFloat);
    }

    public long[] Longs() => [.. Values.Select(ToLong)];

    /// <summary>The values as <paramref name="node"/>'s <paramref name="what"/>; an integer tensor is refused, as ONNX would.</summary>
    public float[] Weights(Onnx.OnnxNode node, string what) => IsFloat
        ? [.. Values.Select(v => (float)v)]
        : throw new InvalidDataException($"ONNX node '{node.Label}' ({node.OpType}): its {what} is an integer tensor; weights must be floating point.");

    /// <summary>Strides of a row-major layout of <paramref name="shape"/>.</summary>
    public static long[] StridesOf(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return strides;
    }

    // Slice ends use int64 extremes; doubles hold them approximately, so saturate instead of overflowing.
    private static long ToLong(double v) => v >= long.MaxValue ? long.MaxValue : v <= long.MinValue ? long.MinValue : (long)v;
}
