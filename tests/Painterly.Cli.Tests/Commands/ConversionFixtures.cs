using System.Runtime.InteropServices;
using Painterly.Onnx;

namespace Painterly.Cli.Tests.Commands;

/// <summary>The conversion fixtures (tools/python/make_onnx_fixtures.py, make_pytorch_fixtures.py) and output checks.</summary>
internal static class ConversionFixtures
{
    public const int Width = 64, Height = 48;

    public static string Onnx(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Onnx", name);

    public static string PyTorch(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "PyTorch", name);

    public static float[] Input() => Floats(Onnx("input-64x48.f32"));

    /// <summary>PyTorch's output for the transformer-c8 weights, clamped to 0-255 as exported models clamp.</summary>
    public static float[] Expected(string name = "transformer-c8-output.f32") => [.. Floats(Onnx(name)).Select(v => Math.Clamp(v, 0f, 255f))];

    public static float OnnxDifference(string onnxFile)
    {
        using var stylizer = OnnxStylizer.FromFile(onnxFile);
        return MaxDifference(stylizer.Stylize(Input(), Width, Height), Expected());
    }

    public static float MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }

    private static float[] Floats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}
