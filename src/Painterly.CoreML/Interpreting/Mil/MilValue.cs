namespace Painterly.CoreML.Interpreting.Mil;

/// <summary>
/// A value of the MIL interpreter: a float tensor (activations are [1, C, H, W]; constants any rank), an int32
/// tensor or a string. <see cref="Fp16"/> records that the program declares it float16: the interpreter rounds such
/// values to half precision as the device stores them.
/// </summary>
internal sealed record MilValue(long[] Shape, float[]? Floats = null, int[]? Ints = null, string? Text = null, bool Fp16 = false)
{
    /// <summary>The value as a [C, H, W] blob of the interpreter's kernels (batch 1).</summary>
    public Blob ToBlob(string op)
    {
        if (Floats is null || Shape.Length != 4 || Shape[0] != 1)
        {
            throw new InvalidDataException($"MIL op '{op}': expected a float [1, C, H, W] tensor, got shape [{string.Join(", ", Shape)}].");
        }

        return new Blob((int)Shape[1], (int)Shape[2], (int)Shape[3], Floats);
    }

    /// <summary>A [1, C, H, W] tensor of <paramref name="blob"/>.</summary>
    public static MilValue Of(Blob blob, bool fp16) => new([1, blob.Channels, blob.Height, blob.Width], blob.Data, Fp16: fp16);

    /// <summary>The single float of a scalar (or one-element) constant.</summary>
    public float Scalar(string op, string parameter) => Floats is { Length: 1 } f
        ? f[0]
        : throw new InvalidDataException($"MIL op '{op}': '{parameter}' must be one float, got shape [{string.Join(", ", Shape)}].");

    /// <summary>The ints of an int32 constant, checked for count.</summary>
    public int[] IntVector(string op, string parameter, int count) => Ints is { } i && i.Length == count
        ? i
        : throw new InvalidDataException($"MIL op '{op}': '{parameter}' must hold {count} int32 values.");
}
