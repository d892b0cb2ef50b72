namespace Painterly.Tests.Reference;

/// <summary>A planar feature map: <c>Data[(c * Height + y) * Width + x]</c>.</summary>
internal sealed record FeatureMap(int Channels, int Height, int Width, float[] Data)
{
    public FeatureMap(int channels, int height, int width)
        : this(channels, height, width, new float[channels * height * width])
    {
    }

    public float this[int c, int y, int x]
    {
        get => Data[((c * Height) + y) * Width + x];
        set => Data[((c * Height) + y) * Width + x] = value;
    }
}

/// <summary>
/// Naive loops for every StyleNet operator, written from the PyTorch definitions and independent of ONNX:
/// the ground truth the exported graphs are compared with. Sums accumulate in double.
/// </summary>
internal static class ReferenceOps
{
    public static FeatureMap ReflectPad(FeatureMap x, int p)
    {
        var y = new FeatureMap(x.Channels, x.Height + 2 * p, x.Width + 2 * p);
        for (int c = 0; c < x.Channels; c++)
        {
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    y[c, i, j] = x[c, Reflect(i - p, x.Height), Reflect(j - p, x.Width)];
                }
            }
        }

        return y;
    }

    /// <summary>Weight <c>[out, in, k, k]</c>, no padding.</summary>
    public static FeatureMap Conv(FeatureMap x, float[] weight, float[] bias, int outChannels, int k, int stride)
    {
        var y = new FeatureMap(outChannels, (x.Height - k) / stride + 1, (x.Width - k) / stride + 1);
        for (int o = 0; o < outChannels; o++)
        {
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    double sum = bias[o];
                    for (int c = 0; c < x.Channels; c++)
                    {
                        for (int ki = 0; ki < k; ki++)
                        {
                            for (int kj = 0; kj < k; kj++)
                            {
                                sum += (double)weight[((o * x.Channels + c) * k + ki) * k + kj] * x[c, i * stride + ki, j * stride + kj];
                            }
                        }
                    }

                    y[o, i, j] = (float)sum;
                }
            }
        }

        return y;
    }

    /// <summary>PyTorch ConvTranspose2d(stride 2, padding k/2, output_padding 1), weight <c>[in, out, k, k]</c>: scatter each input pixel.</summary>
    public static FeatureMap ConvTranspose(FeatureMap x, float[] weight, float[] bias, int outChannels, int k)
    {
        int p = k / 2;
        var sums = new double[outChannels, (x.Height - 1) * 2 - 2 * p + k + 1, (x.Width - 1) * 2 - 2 * p + k + 1];
        int height = sums.GetLength(1), width = sums.GetLength(2);
        for (int c = 0; c < x.Channels; c++)
        {
            for (int i = 0; i < x.Height; i++)
            {
                for (int j = 0; j < x.Width; j++)
                {
                    for (int o = 0; o < outChannels; o++)
                    {
                        for (int ki = 0; ki < k; ki++)
                        {
                            for (int kj = 0; kj < k; kj++)
                            {
                                int yi = i * 2 - p + ki, yj = j * 2 - p + kj;
                                if (yi >= 0 && yi < height && yj >= 0 && yj < width)
                                {
                                    sums[o, yi, yj] += (double)weight[((c * outChannels + o) * k + ki) * k + kj] * x[c, i, j];
                                }
                            }
                        }
                    }
                }
            }
        }

        var y = new FeatureMap(outChannels, height, width);
        for (int o = 0; o < outChannels; o++)
        {
            for (int i = 0; i < height; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    y[o, i, j] = (float)(sums[o, i, j] + bias[o]);
                }
            }
        }

        return y;
    }

    /// <summary>Per-channel normalization with the biased variance, then the affine scale and shift.</summary>
    public static FeatureMap InstanceNorm(FeatureMap x, float[] scale, float[] shift, double epsilon)
    {
        var y = new FeatureMap(x.Channels, x.Height, x.Width);
        int n = x.Height * x.Width;
        for (int c = 0; c < x.Channels; c++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < n; i++)
            {
                mean += x.Data[c * n + i];
            }

            mean /= n;
            for (int i = 0; i < n; i++)
            {
                double d = x.Data[c * n + i] - mean;
                variance += d * d;
            }

            variance /= n;
            double inverse = 1 / Math.Sqrt(variance + epsilon);
            for (int i = 0; i < n; i++)
            {
                y.Data[c * n + i] = (float)((x.Data[c * n + i] - mean) * inverse * scale[c] + shift[c]);
            }
        }

        return y;
    }

    public static FeatureMap NearestUpsample2(FeatureMap x)
    {
        var y = new FeatureMap(x.Channels, x.Height * 2, x.Width * 2);
        for (int c = 0; c < x.Channels; c++)
        {
            for (int i = 0; i < y.Height; i++)
            {
                for (int j = 0; j < y.Width; j++)
                {
                    y[c, i, j] = x[c, i / 2, j / 2];
                }
            }
        }

        return y;
    }

    public static FeatureMap Add(FeatureMap a, FeatureMap b) =>
        a with { Data = a.Data.Zip(b.Data, (u, v) => u + v).ToArray() };

    public static FeatureMap Relu(FeatureMap x) => x with { Data = x.Data.Select(v => Math.Max(v, 0f)).ToArray() };

    public static FeatureMap Clamp(FeatureMap x, float min, float max) => x with { Data = x.Data.Select(v => Math.Clamp(v, min, max)).ToArray() };

    /// <summary>PyTorch's reflection index: the edge pixel is not repeated.</summary>
    private static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
}
