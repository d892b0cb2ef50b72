using System.Globalization;

namespace Painterly.Core.Models;

/// <summary>
/// Refuses weights that can only give garbage: one NaN or infinity turns every pixel black (instance norm spreads
/// it over the whole picture), and so does a value large enough to overflow float32 on the way through the net.
/// </summary>
public static class WeightValues
{
    /// <summary>
    /// The largest magnitude accepted. Trained StyleNet weights stay within a few hundred; anything near this is a
    /// damaged or hostile file, and 1e10 times a 0-255 pixel summed over a 9x9x128 kernel still fits in float32.
    /// </summary>
    public const float MaxMagnitude = 1e10f;

    /// <summary>Throws when <paramref name="tensor"/> holds a NaN, an infinity or a value beyond <see cref="MaxMagnitude"/>.</summary>
    /// <exception cref="InvalidDataException">A value is not usable; the message names the tensor and the index.</exception>
    public static void CheckFinite(string name, FloatTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int index = FirstBad(tensor.Data);
        if (index >= 0)
        {
            float value = tensor.Data[index];
            string what = float.IsNaN(value) ? "NaN" : float.IsInfinity(value) ? "an infinity" : $"the implausible value {value.ToString("G3", CultureInfo.InvariantCulture)}";
            throw new InvalidDataException($"weight '{name}' holds {what} at index {index}: the model is damaged and would paint garbage; retrain it or convert it again from a good source.");
        }
    }

    /// <summary>Index of the first value that is not finite or is beyond <see cref="MaxMagnitude"/>, or -1.</summary>
    public static int FirstBad(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            // NaN fails the comparison, so one test catches NaN, both infinities and huge values.
            if (!(Math.Abs(values[i]) <= MaxMagnitude))
            {
                return i;
            }
        }

        return -1;
    }
}
