using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// AddLayerParams and MultiplyLayerParams: with one input x + alpha or x * alpha; with several, the elementwise sum
/// or product, where a dimension of 1 broadcasts ([1,1,1], [C,1,1], [1,H,W] against [C,H,W]).
/// </summary>
internal static class ElementwiseKernel
{
    public static Blob Add(string name, IReadOnlyList<Blob> inputs, float alpha) =>
        inputs.Count == 1
            ? ActivationKernel.Map(inputs[0], v => v + alpha)
            : Combine(name, inputs, 0f, static (a, b) => a + b);

    public static Blob Multiply(string name, IReadOnlyList<Blob> inputs, float alpha) =>
        inputs.Count == 1
            ? ActivationKernel.Map(inputs[0], v => v * alpha)
            : Combine(name, inputs, 1f, static (a, b) => a * b);

    private static Blob Combine(string name, IReadOnlyList<Blob> inputs, float identity, Func<float, float, float> op)
    {
        int channels = inputs.Max(b => b.Channels), height = inputs.Max(b => b.Height), width = inputs.Max(b => b.Width);
        var y = new Blob(channels, height, width);
        Array.Fill(y.Data, identity);
        foreach (var x in inputs)
        {
            if ((x.Channels != channels && x.Channels != 1) || (x.Height != height && x.Height != 1) || (x.Width != width && x.Width != 1))
            {
                throw Invalid(name, $"cannot broadcast a {x.ShapeText} input to [{channels}, {height}, {width}].");
            }

            var (sc, sh, sw) = BroadcastStrides(x);
            int i = 0;
            for (int c = 0; c < channels; c++)
            {
                for (int h = 0; h < height; h++)
                {
                    for (int w = 0; w < width; w++, i++)
                    {
                        y.Data[i] = op(y.Data[i], x.Data[(c * sc) + (h * sh) + (w * sw)]);
                    }
                }
            }
        }

        return y;
    }

    /// <summary>Strides that read a blob at any output position, 0 along its size-1 dimensions.</summary>
    public static (int C, int H, int W) BroadcastStrides(Blob x) =>
        (x.Channels == 1 ? 0 : x.Plane, x.Height == 1 ? 0 : x.Width, x.Width == 1 ? 0 : 1);
}
