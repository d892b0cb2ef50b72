namespace Painterly.Core.Stylizing;

/// <summary>
/// A runtime that executes a StyleNet on one image: ONNX Runtime for stylizing, TorchSharp as the reference.
/// </summary>
public interface IStyleEngine : IDisposable
{
    /// <summary>Short runtime name for messages ("onnx", "torch").</summary>
    string Name { get; }

    /// <summary>
    /// Stylizes a planar RGB 0-255 image (CHW, float32) whose sides are multiples of 4, and returns the
    /// stylized image in the same layout, clamped to 0-255.
    /// </summary>
    float[] Stylize(float[] chw, int width, int height);

    /// <summary>As <see cref="Stylize(float[], int, int)"/>, writing into <paramref name="output"/> (same length as
    /// <paramref name="chw"/>), so callers that run many tiles reuse one buffer instead of leaving garbage.</summary>
    void Stylize(float[] chw, int width, int height, float[] output);
}
