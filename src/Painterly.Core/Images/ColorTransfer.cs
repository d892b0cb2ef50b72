namespace Painterly.Core.Images;

/// <summary>Colour operations between a photo and its stylized version (same size, RGB 0-255).</summary>
public static class ColorTransfer
{
    // BT.601 luma weights, as in full-range YCbCr (JPEG).
    private const float LumaR = 0.299f, LumaG = 0.587f, LumaB = 0.114f;

    /// <summary>
    /// Keeps the photo's colours and takes only the luminance of the stylized image: Y from
    /// <paramref name="stylized"/>, Cb and Cr from <paramref name="photo"/> (full-range YCbCr). Because RGB is
    /// Y plus a linear function of Cb and Cr, that is each channel of the photo shifted by the luma difference.
    /// </summary>
    public static PlanarImage PreserveColor(PlanarImage photo, PlanarImage stylized)
    {
        CheckSameSize(photo, stylized);
        var result = new PlanarImage(photo.Width, photo.Height);
        int n = photo.PixelCount;
        Span<float> pr = photo.Channel(0), pg = photo.Channel(1), pb = photo.Channel(2);
        Span<float> sr = stylized.Channel(0), sg = stylized.Channel(1), sb = stylized.Channel(2);
        Span<float> or = result.Channel(0), og = result.Channel(1), ob = result.Channel(2);
        for (int i = 0; i < n; i++)
        {
            float shift = (LumaR * sr[i] + LumaG * sg[i] + LumaB * sb[i]) - (LumaR * pr[i] + LumaG * pg[i] + LumaB * pb[i]);
            or[i] = Math.Clamp(pr[i] + shift, 0f, 255f);
            og[i] = Math.Clamp(pg[i] + shift, 0f, 255f);
            ob[i] = Math.Clamp(pb[i] + shift, 0f, 255f);
        }

        return result;
    }

    /// <summary>Mixes <paramref name="stylized"/> into <paramref name="photo"/>: 0 = the photo, 1 = fully stylized.</summary>
    public static PlanarImage Blend(PlanarImage photo, PlanarImage stylized, float strength)
    {
        CheckSameSize(photo, stylized);
        if (!(strength >= 0f && strength <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "Strength must be between 0 and 1.");
        }

        var result = new PlanarImage(photo.Width, photo.Height);
        var (p, s, o) = (photo.Data, stylized.Data, result.Data);
        for (int i = 0; i < o.Length; i++)
        {
            o[i] = p[i] + (strength * (s[i] - p[i]));
        }

        return result;
    }

    /// <summary>The BT.601 luma of every pixel (0-255).</summary>
    public static float[] Luma(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int n = image.PixelCount;
        var luma = new float[n];
        for (int i = 0; i < n; i++)
        {
            luma[i] = (LumaR * image.Data[i]) + (LumaG * image.Data[n + i]) + (LumaB * image.Data[(2 * n) + i]);
        }

        return luma;
    }

    private static void CheckSameSize(PlanarImage photo, PlanarImage stylized)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(stylized);
        if (photo.Width != stylized.Width || photo.Height != stylized.Height)
        {
            throw new ArgumentException($"Images differ in size: {photo.Width}x{photo.Height} and {stylized.Width}x{stylized.Height}.", nameof(stylized));
        }
    }
}
