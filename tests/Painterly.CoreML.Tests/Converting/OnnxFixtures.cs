using System.Runtime.InteropServices;
using Painterly.Core.Images;

namespace Painterly.CoreML.Tests.Converting;

/// <summary>The files of Fixtures/Onnx (tools/python/make_onnx_fixtures.py): ONNX exports and PyTorch's outputs.</summary>
internal static class OnnxFixtures
{
    public const int Width = 64, Height = 48;

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx", name);

    public static PlanarImage Input() => Planar("input-64x48.f32");

    /// <summary>PyTorch's output clamped to 0-255, as every exported model clamps.</summary>
    public static PlanarImage Expected(string name)
    {
        var image = Planar(name);
        for (int i = 0; i < image.Data.Length; i++)
        {
            image.Data[i] = Math.Clamp(image.Data[i], 0f, 255f);
        }

        return image;
    }

    public static float MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    private static PlanarImage Planar(string name)
    {
        float[] data = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path(name))).ToArray();
        return new PlanarImage(Width, Height, data);
    }
}
