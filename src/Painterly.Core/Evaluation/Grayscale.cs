using Painterly.Core.Images;

namespace Painterly.Core.Evaluation;

/// <summary>Luma of a planar RGB image (0.299 R + 0.587 G + 0.114 B), as the art measures define grayscale.</summary>
public static class Grayscale
{
    /// <summary>One float per pixel, row-major, 0-255.</summary>
    public static float[] Of(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var r = image.Channel(0);
        var g = image.Channel(1);
        var b = image.Channel(2);
        var gray = new float[image.PixelCount];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
        }

        return gray;
    }
}
