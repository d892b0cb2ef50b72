using System.Numerics;
using System.Runtime.InteropServices;

namespace Painterly.CoreML.Interpreting;

/// <summary>The inner loops the convolutions spend their time in.</summary>
internal static class VectorMath
{
    /// <summary>y += a * x, element by element.</summary>
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y[..x.Length]);
            for (int v = 0; v < vx.Length; v++)
            {
                vy[v] += va * vx[v];
            }

            i = vx.Length * Vector<float>.Count;
        }

        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>Smallest integer at or above a / b, for b &gt; 0 and any sign of a.</summary>
    public static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);

    /// <summary>Largest integer at or below a / b, for b &gt; 0 and any sign of a.</summary>
    public static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
