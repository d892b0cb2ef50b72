namespace Painterly.Core.Images;

/// <summary>
/// Composites RGBA pixels over white. Style networks take RGB only; white (not black, which is what dropping
/// alpha gives) is what a transparent PNG looks like on a page, so logos and cut-outs keep their look.
/// </summary>
internal static class AlphaFlattening
{
    /// <summary>Premultiplied RGBA8888 (or BGRA8888) in place: c + (255 - a), alpha becomes 255.</summary>
    public static void PremultipliedOverWhite(Span<byte> pixels)
    {
        for (int i = 0; i + 3 < pixels.Length; i += 4)
        {
            int background = 255 - pixels[i + 3];
            if (background == 0)
            {
                continue;
            }

            // Premultiplied colour never exceeds alpha, so the sum stays within a byte.
            pixels[i] = (byte)Math.Min(255, pixels[i] + background);
            pixels[i + 1] = (byte)Math.Min(255, pixels[i + 1] + background);
            pixels[i + 2] = (byte)Math.Min(255, pixels[i + 2] + background);
            pixels[i + 3] = 255;
        }
    }
}
