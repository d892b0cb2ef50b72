namespace Painterly.CoreML.Converting;

/// <summary>
/// The tensor operations constant folding needs (numpy semantics, any rank): the shape plumbing PyTorch emits for
/// Pad's pads and Resize's scales (Gather, Slice with negative steps, Concat, Reshape, Transpose, ...).
/// </summary>
internal static class ConstantOps
{
    public static ConstantTensor Broadcast(ConstantTensor a, ConstantTensor b, Func<double, double, double> op, bool isFloat)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var shape = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = Dim(a, i - rank + a.Rank), db = Dim(b, i - rank + b.Rank);
            shape[i] = da == db || db == 1 ? da : da == 1 ? db : throw new InvalidDataException($"Cannot broadcast [{string.Join(", ", a.Shape)}] with [{string.Join(", ", b.Shape)}].");
        }

        long count = Count(shape);
        var values = new double[count];
        var strides = ConstantTensor.StridesOf(shape);
        for (long index = 0; index < count; index++)
        {
            values[index] = op(a.Values[Source(a, shape, strides, index)], b.Values[Source(b, shape, strides, index)]);
        }

        return new ConstantTensor(shape, values, isFloat);
    }

    public static ConstantTensor Map(ConstantTensor x, Func<double, double> op) => new(x.Shape, [.. x.Values.Select(op)], x.IsFloat);

    public static ConstantTensor Gather(ConstantTensor data, ConstantTensor indices, int axis)
    {
        axis = Axis(axis, data.Rank);
        long[] shape = [.. data.Shape[..axis], .. indices.Shape, .. data.Shape[(axis + 1)..]];
        long outer = Count(data.Shape[..axis]), inner = Count(data.Shape[(axis + 1)..]), dim = data.Shape[axis];
        var values = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            foreach (long raw in indices.Longs())
            {
                long i = raw < 0 ? raw + dim : raw;
                if (i < 0 || i >= dim)
                {
                    throw new InvalidDataException($"Gather index {raw} is outside an axis of {dim}.");
                }

                for (long k = 0; k < inner; k++)
                {
                    values.Add(data.Values[((o * dim) + i) * inner + k]);
                }
            }
        }

        return new ConstantTensor(shape, [.. values], data.IsFloat);
    }

    public static ConstantTensor Concat(IReadOnlyList<ConstantTensor> parts, int axis)
    {
        var first = parts[0];
        axis = Axis(axis, first.Rank);
        long outer = Count(first.Shape[..axis]);
        var values = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            foreach (var part in parts)
            {
                long block = Count(part.Shape[axis..]);
                values.AddRange(part.Values.AsSpan((int)(o * block), (int)block).ToArray());
            }
        }

        long[] shape = [.. first.Shape];
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        return new ConstantTensor(shape, [.. values], parts.Any(p => p.IsFloat));
    }

    public static ConstantTensor Slice(ConstantTensor data, long[] starts, long[] ends, long[] axes, long[] steps)
    {
        var begin = new long[data.Rank];
        var step = Enumerable.Repeat(1L, data.Rank).ToArray();
        var shape = (long[])data.Shape.Clone();
        for (int i = 0; i < starts.Length; i++)
        {
            int axis = Axis((int)axes[i], data.Rank);
            long dim = data.Shape[axis], s = steps[i];
            if (s == 0)
            {
                throw new InvalidDataException("Slice step 0.");
            }

            long start = Clamp(starts[i], dim, s), end = Clamp(ends[i], dim, s);
            begin[axis] = start;
            step[axis] = s;
            shape[axis] = s > 0 ? Math.Max(0, (end - start + s - 1) / s) : Math.Max(0, (start - end - s - 1) / -s);
        }

        return Select(data, shape, index => begin[index.Axis] + (index.Position * step[index.Axis]));
    }

    public static ConstantTensor Transpose(ConstantTensor data, long[]? perm)
    {
        perm ??= [.. Enumerable.Range(0, data.Rank).Reverse().Select(i => (long)i)];
        long[] shape = [.. perm.Select(p => data.Shape[p])];
        var strides = ConstantTensor.StridesOf(data.Shape);
        var outStrides = ConstantTensor.StridesOf(shape);
        var values = new double[data.Values.Length];
        for (long index = 0; index < values.Length; index++)
        {
            long rest = index, source = 0;
            for (int d = 0; d < shape.Length; d++)
            {
                long position = rest / outStrides[d];
                rest %= outStrides[d];
                source += position * strides[perm[d]];
            }

            values[index] = data.Values[source];
        }

        return new ConstantTensor(shape, values, data.IsFloat);
    }

    public static ConstantTensor Reshape(ConstantTensor data, long[] target, bool allowZero = false)
    {
        var shape = (long[])target.Clone();
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 0 && !allowZero)
            {
                shape[i] = data.Shape[i];
            }
        }

        int unknown = Array.IndexOf(shape, -1L);
        if (unknown >= 0)
        {
            long known = shape.Where((d, i) => i != unknown).Aggregate(1L, (a, d) => a * d);
            shape[unknown] = known == 0 ? 0 : data.Values.Length / known;
        }

        return new ConstantTensor(shape, data.Values, data.IsFloat);
    }

    public static ConstantTensor Unsqueeze(ConstantTensor data, long[] axes)
    {
        int rank = data.Rank + axes.Length;
        var normalized = axes.Select(a => Axis((int)a, rank)).ToHashSet();
        var shape = new List<long>();
        int source = 0;
        for (int i = 0; i < rank; i++)
        {
            shape.Add(normalized.Contains(i) ? 1 : data.Shape[source++]);
        }

        return new ConstantTensor([.. shape], data.Values, data.IsFloat);
    }

    public static ConstantTensor Squeeze(ConstantTensor data, long[]? axes)
    {
        var drop = axes?.Select(a => Axis((int)a, data.Rank)).ToHashSet() ?? [.. Enumerable.Range(0, data.Rank).Where(i => data.Shape[i] == 1)];
        return new ConstantTensor([.. data.Shape.Where((d, i) => !drop.Contains(i))], data.Values, data.IsFloat);
    }

    public static long Count(IEnumerable<long> shape) => shape.Aggregate(1L, (a, d) => checked(a * d)) is var n && n <= ConstantTensor.MaxFoldedElements
        ? n
        : throw new InvalidDataException($"A folded constant would have over {ConstantTensor.MaxFoldedElements} elements.");

    public static int Axis(int axis, int rank) => axis < 0 ? axis + rank : axis < rank || rank == 0 ? axis : throw new InvalidDataException($"Axis {axis} is outside a rank-{rank} tensor.");

    private static long Clamp(long value, long dim, long step)
    {
        if (value < 0)
        {
            value += dim;
        }

        return step > 0 ? Math.Clamp(value, 0, dim) : Math.Clamp(value, -1, dim - 1);
    }

    private static ConstantTensor Select(ConstantTensor data, long[] shape, Func<(int Axis, long Position), long> sourceIndex)
    {
        long count = Count(shape);
        var strides = ConstantTensor.StridesOf(data.Shape);
        var outStrides = ConstantTensor.StridesOf(shape);
        var values = new double[count];
        for (long index = 0; index < count; index++)
        {
            long rest = index, source = 0;
            for (int d = 0; d < shape.Length; d++)
            {
                long position = rest / outStrides[d];
                rest %= outStrides[d];
                source += sourceIndex((d, position)) * strides[d];
            }

            values[index] = data.Values[source];
        }

        return new ConstantTensor(shape, values, data.IsFloat);
    }

    private static long Dim(ConstantTensor t, int axis) => axis < 0 ? 1 : t.Shape[axis];

    private static long Source(ConstantTensor t, long[] shape, long[] strides, long index)
    {
        long rest = index, source = 0, stride = 1;
        for (int d = shape.Length - 1, s = t.Rank - 1; d >= 0; d--, s--)
        {
            long position = (rest / strides[d]) % shape[d];
            if (s >= 0)
            {
                source += (t.Shape[s] == 1 ? 0 : position) * stride;
                stride *= t.Shape[s];
            }
        }

        return source;
    }
}
