using Painterly.Core.Models;

namespace Painterly.CoreML.Tests.Reference;

/// <summary>
/// The pytorch/examples TransformerNet forward pass written out by hand from its PyTorch definition (ReflectionPad2d +
/// Conv2d, InstanceNorm2d(affine), ReLU, nearest x2 interpolate, ConvTranspose2d(k, 2, k/2, output_padding 1)),
/// in double precision. It shares no code with the Core ML exporter or interpreter.
/// </summary>
internal static class ReferenceStyleNet
{
    public static double[,,] Forward(StyleModel model, double[,,] image)
    {
        var w = model.Weights;
        bool transposed = model.Config.Upsample == StyleNetUpsample.Transposed;
        var y = Relu(Norm(Conv(image, w, "conv1", 1), w, "in1"));
        y = Relu(Norm(Conv(y, w, "conv2", 2), w, "in2"));
        y = Relu(Norm(Conv(y, w, "conv3", 2), w, "in3"));
        for (int i = 1; i <= model.Config.ResidualBlocks; i++)
        {
            var residual = y;
            var t = Relu(Norm(Conv(y, w, $"res{i}.conv1", 1), w, $"res{i}.in1"));
            t = Norm(Conv(t, w, $"res{i}.conv2", 1), w, $"res{i}.in2");
            y = Add(t, residual);
        }

        y = Relu(Norm(transposed ? ConvTranspose(y, w, "deconv1") : Conv(Upsample2(y), w, "deconv1", 1), w, "in4"));
        y = Relu(Norm(transposed ? ConvTranspose(y, w, "deconv2") : Conv(Upsample2(y), w, "deconv2", 1), w, "in5"));
        return Conv(y, w, "deconv3", 1);
    }

    /// <summary>ReflectionPad2d(k / 2) then Conv2d(stride).</summary>
    private static double[,,] Conv(double[,,] x, IReadOnlyDictionary<string, FloatTensor> weights, string name, int stride)
    {
        var weight = weights[name + ".conv2d.weight"];
        var bias = weights[name + ".conv2d.bias"].Data;
        int outC = weight.Shape[0], inC = weight.Shape[1], k = weight.Shape[2], pad = k / 2;
        int h = x.GetLength(1), wd = x.GetLength(2);
        int outH = ((h + (2 * pad) - k) / stride) + 1, outW = ((wd + (2 * pad) - k) / stride) + 1;
        var y = new double[outC, outH, outW];
        for (int o = 0; o < outC; o++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    double sum = bias[o];
                    for (int i = 0; i < inC; i++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            int iy = Reflect((oy * stride) + ky - pad, h);
                            for (int kx = 0; kx < k; kx++)
                            {
                                int ix = Reflect((ox * stride) + kx - pad, wd);
                                sum += weight.Data[(((((o * inC) + i) * k) + ky) * k) + kx] * x[i, iy, ix];
                            }
                        }
                    }

                    y[o, oy, ox] = sum;
                }
            }
        }

        return y;
    }

    /// <summary>
    /// ConvTranspose2d(k, stride 2, padding k/2, output_padding 1): input (iy, ix) adds w[i, o, ky, kx] at output
    /// (2*iy + ky - padding, 2*ix + kx - padding); the output is (H-1)*2 - 2*padding + k + 1 = 2H rows for k = 3.
    /// </summary>
    private static double[,,] ConvTranspose(double[,,] x, IReadOnlyDictionary<string, FloatTensor> weights, string name)
    {
        var weight = weights[name + ".conv2d.weight"];
        var bias = weights[name + ".conv2d.bias"].Data;
        int inC = weight.Shape[0], outC = weight.Shape[1], k = weight.Shape[2], pad = k / 2, stride = 2, outputPadding = 1;
        int h = x.GetLength(1), wd = x.GetLength(2);
        int outH = ((h - 1) * stride) - (2 * pad) + k + outputPadding, outW = ((wd - 1) * stride) - (2 * pad) + k + outputPadding;
        var y = new double[outC, outH, outW];
        for (int o = 0; o < outC; o++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    y[o, oy, ox] = bias[o];
                }
            }
        }

        for (int i = 0; i < inC; i++)
        {
            for (int o = 0; o < outC; o++)
            {
                for (int iy = 0; iy < h; iy++)
                {
                    for (int ix = 0; ix < wd; ix++)
                    {
                        for (int ky = 0; ky < k; ky++)
                        {
                            for (int kx = 0; kx < k; kx++)
                            {
                                int oy = (iy * stride) + ky - pad, ox = (ix * stride) + kx - pad;
                                if (oy >= 0 && oy < outH && ox >= 0 && ox < outW)
                                {
                                    y[o, oy, ox] += weight.Data[(((((i * outC) + o) * k) + ky) * k) + kx] * x[i, iy, ix];
                                }
                            }
                        }
                    }
                }
            }
        }

        return y;
    }

    /// <summary>InstanceNorm2d(affine, eps 1e-5): biased variance over H and W per channel.</summary>
    private static double[,,] Norm(double[,,] x, IReadOnlyDictionary<string, FloatTensor> weights, string name)
    {
        var gamma = weights[name + ".weight"].Data;
        var beta = weights[name + ".bias"].Data;
        int c = x.GetLength(0), h = x.GetLength(1), wd = x.GetLength(2);
        var y = new double[c, h, wd];
        for (int ch = 0; ch < c; ch++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < h; i++)
            {
                for (int j = 0; j < wd; j++)
                {
                    mean += x[ch, i, j];
                }
            }

            mean /= h * wd;
            for (int i = 0; i < h; i++)
            {
                for (int j = 0; j < wd; j++)
                {
                    variance += (x[ch, i, j] - mean) * (x[ch, i, j] - mean);
                }
            }

            variance /= h * wd;
            for (int i = 0; i < h; i++)
            {
                for (int j = 0; j < wd; j++)
                {
                    y[ch, i, j] = (gamma[ch] * (x[ch, i, j] - mean) / Math.Sqrt(variance + 1e-5)) + beta[ch];
                }
            }
        }

        return y;
    }

    private static double[,,] Upsample2(double[,,] x)
    {
        int c = x.GetLength(0), h = x.GetLength(1), wd = x.GetLength(2);
        var y = new double[c, 2 * h, 2 * wd];
        for (int ch = 0; ch < c; ch++)
        {
            for (int i = 0; i < 2 * h; i++)
            {
                for (int j = 0; j < 2 * wd; j++)
                {
                    y[ch, i, j] = x[ch, i / 2, j / 2];
                }
            }
        }

        return y;
    }

    private static double[,,] Relu(double[,,] x) => Map(x, v => Math.Max(v, 0));

    private static double[,,] Add(double[,,] a, double[,,] b)
    {
        var y = (double[,,])a.Clone();
        for (int ch = 0; ch < a.GetLength(0); ch++)
        {
            for (int i = 0; i < a.GetLength(1); i++)
            {
                for (int j = 0; j < a.GetLength(2); j++)
                {
                    y[ch, i, j] += b[ch, i, j];
                }
            }
        }

        return y;
    }

    private static double[,,] Map(double[,,] x, Func<double, double> f)
    {
        var y = (double[,,])x.Clone();
        for (int ch = 0; ch < x.GetLength(0); ch++)
        {
            for (int i = 0; i < x.GetLength(1); i++)
            {
                for (int j = 0; j < x.GetLength(2); j++)
                {
                    y[ch, i, j] = f(x[ch, i, j]);
                }
            }
        }

        return y;
    }

    /// <summary>PyTorch's reflection index: mirrors about the edge without repeating it.</summary>
    private static int Reflect(int i, int n) => i < 0 ? -i : i >= n ? (2 * (n - 1)) - i : i;
}
