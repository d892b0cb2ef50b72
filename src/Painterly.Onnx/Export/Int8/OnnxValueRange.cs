namespace Painterly.Onnx;

/// <summary>The calibrated range of one float tensor, mapped onto uint8 when it is quantized.</summary>
/// <param name="Min">Lowest value to represent (clipped below).</param>
/// <param name="Max">Highest value to represent (clipped above).</param>
public readonly record struct OnnxValueRange(float Min, float Max)
{
    /// <summary>The range widened to include <paramref name="other"/>.</summary>
    public OnnxValueRange Union(OnnxValueRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    /// <summary>Asymmetric uint8 scale and zero point; the range always includes 0 so that 0 (padding, ReLU) is exact.</summary>
    internal (float Scale, byte ZeroPoint) UInt8()
    {
        float low = Math.Min(Min, 0f), high = Math.Max(Max, 0f);
        float scale = Math.Max((high - low) / 255f, 1e-8f);
        return (scale, (byte)Math.Clamp(MathF.Round(-low / scale), 0f, 255f));
    }
}
