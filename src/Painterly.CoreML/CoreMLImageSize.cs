namespace Painterly.CoreML;

/// <summary>An image size in pixels.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct CoreMLImageSize(int Width, int Height)
{
    /// <summary>"WxH".</summary>
    public override string ToString() => $"{Width}x{Height}";
}
