using Painterly.Core.Models;

namespace Painterly.Core.PyTorch;

/// <summary>
/// A tensor as a checkpoint describes it: a view (offset, shape, strides, in elements) of a storage. Created
/// only through <see cref="FromCall"/>, which checks that every element it views lies inside the storage.
/// </summary>
internal sealed class TorchTensorReference
{
    private TorchTensorReference(TorchStorage storage, long offset, int[] shape, long[] stride, long elementCount)
    {
        Storage = storage;
        Offset = offset;
        Shape = shape;
        Stride = stride;
        ElementCount = elementCount;
    }

    /// <summary>The storage viewed.</summary>
    public TorchStorage Storage { get; }

    /// <summary>Index of the first element in the storage.</summary>
    public long Offset { get; }

    /// <summary>Dimensions, outermost first (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Storage elements between neighbours along each dimension.</summary>
    public IReadOnlyList<long> Stride { get; }

    /// <summary>Product of the dimensions.</summary>
    public long ElementCount { get; }

    /// <summary>Whether the elements lie in row-major order without gaps, so they can be read as one run.</summary>
    public bool IsContiguous
    {
        get
        {
            long expected = 1;
            for (int d = Shape.Count - 1; d >= 0; d--)
            {
                // A dimension of size 1 may have any stride; PyTorch sets whatever its view computed.
                if (Shape[d] != 1 && Stride[d] != expected)
                {
                    return false;
                }

                expected *= Shape[d];
            }

            return true;
        }
    }

    /// <summary>Whether <paramref name="value"/> is a call that rebuilds a tensor (its arguments unchecked).</summary>
    public static bool IsTensorCall(object? value) =>
        value is PickleCall call && (call.Callable == StateDictGlobals.RebuildTensorV2
            || call.Callable == StateDictGlobals.RebuildTensor
            || call.Callable == StateDictGlobals.RebuildParameter);

    /// <summary>
    /// Interprets <c>_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])</c>,
    /// <c>_rebuild_tensor(storage, offset, size, stride)</c> or <c>_rebuild_parameter(tensor, requires_grad, hooks)</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The arguments are malformed or reach outside the storage.</exception>
    public static TorchTensorReference FromCall(PickleCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var args = call.Arguments;
        if (call.Callable == StateDictGlobals.RebuildParameter)
        {
            // A Parameter wraps a plain tensor; requires_grad and hooks do not matter for the values.
            return args.Count == 3 && args[0] is PickleCall inner && inner.Callable != StateDictGlobals.RebuildParameter && IsTensorCall(inner)
                ? FromCall(inner)
                : throw new InvalidDataException($"{call.Callable.FullName} is not called with (tensor, requires_grad, hooks).");
        }

        bool v2 = call.Callable == StateDictGlobals.RebuildTensorV2;
        if (!(v2 ? args.Count is 6 or 7 : args.Count == 4))
        {
            throw new InvalidDataException($"{call.Callable.FullName} is called with {args.Count} arguments, not {(v2 ? "6 or 7" : "4")}.");
        }

        var storage = args[0] as TorchStorage
            ?? throw new InvalidDataException($"{call.Callable.FullName}'s storage argument is a {PickleDisplay.TypeName(args[0])}, not a storage.");
        long offset = args[1] is long o && o >= 0 ? o : throw new InvalidDataException("a tensor's storage offset is not a non-negative int.");
        int[] shape = [.. Integers(args[2], "size").Select(d => d <= int.MaxValue ? (int)d : throw new InvalidDataException($"a tensor dimension ({d}) is too large."))];
        long[] stride = [.. Integers(args[3], "stride")];
        if (stride.Length != shape.Length)
        {
            throw new InvalidDataException($"a tensor has {shape.Length} dimensions but {stride.Length} strides.");
        }

        return Checked(storage, offset, shape, stride);
    }

    private static IEnumerable<long> Integers(object? value, string what)
    {
        if (value is not (PickleTuple or List<object?>))
        {
            throw new InvalidDataException($"a tensor's {what} is a {PickleDisplay.TypeName(value)}, not a tuple.");
        }

        var items = (IReadOnlyList<object?>)value;
        if (items.Count > SafetensorsFile.MaxRank)
        {
            throw new InvalidDataException($"a tensor's {what} has {items.Count} entries, more than the {SafetensorsFile.MaxRank} dimensions supported.");
        }

        return items.Select(item => item is long n && n >= 0 ? n : throw new InvalidDataException($"a tensor's {what} holds something other than a non-negative int."));
    }

    private static TorchTensorReference Checked(TorchStorage storage, long offset, int[] shape, long[] stride)
    {
        long count = FloatTensor.ElementCount(shape);
        if (count > Array.MaxLength)
        {
            throw new InvalidDataException($"a tensor of {count} elements is larger than one array can hold.");
        }

        // The furthest element viewed is offset + sum((size - 1) * stride); it must lie in the storage. Shapes and
        // strides come from the file, so overflow is an error, not a wrap-around.
        try
        {
            long last = offset;
            for (int d = 0; d < shape.Length && count > 0; d++)
            {
                last = checked(last + ((shape[d] - 1L) * stride[d]));
            }

            bool inside = count == 0 ? offset <= storage.ElementCount : last < storage.ElementCount;
            if (!inside)
            {
                throw new InvalidDataException(
                    $"a tensor of shape [{string.Join(", ", shape)}] with strides [{string.Join(", ", stride)}] at offset {offset} reaches past the {storage.ElementCount} elements of storage '{PickleDisplay.Text(storage.Key)}'.");
            }
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"a tensor's offset and strides overflow (shape [{string.Join(", ", shape)}], strides [{string.Join(", ", stride)}]).");
        }

        return new TorchTensorReference(storage, offset, shape, stride, count);
    }
}
