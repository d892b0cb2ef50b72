using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;
using static Painterly.CoreML.Interpreting.VectorMath;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// Convolution and deconvolution (ConvolutionLayerParams). Conv weights are [out, in/groups, kH, kW]; deconv
/// weights [in, out/groups, kH, kW] with kernelChannels = in. Missing kernel size means 3x3, stride and dilation 1,
/// groups 0 means 1. Valid padding pads with zeros by its amounts (deconv: removes them from the output); same
/// padding gives ceil(H / stride) (conv) or H * stride (deconv). A deconv with outputShape yields that size, the
/// top-left window of the full deconvolution (padding ignored, as the schema says).
/// </summary>
internal static class ConvolutionKernel
{
    public static Blob Run(string name, ConvolutionLayerParams p, Blob x)
    {
        var shape = Shape.Of(name, p);
        return p.IsDeconvolution ? Deconvolve(name, p, shape, x) : Convolve(name, p, shape, x);
    }

    private static Blob Convolve(string name, ConvolutionLayerParams p, Shape s, Blob x)
    {
        if (s.KernelChannels * s.Groups != x.Channels)
        {
            throw Invalid(name, $"expects {s.KernelChannels * s.Groups} input channels (kernelChannels {s.KernelChannels} x groups {s.Groups}), got a {x.ShapeText} blob.");
        }

        var (top, bottom, left, right) = ConvPadding(name, p, s, x);
        if (x.Height + top + bottom < s.ExtentH || x.Width + left + right < s.ExtentW)
        {
            throw Invalid(name, $"a {x.ShapeText} input is smaller than the {s.ExtentH}x{s.ExtentW} kernel.");
        }

        int outH = ((x.Height + top + bottom - s.ExtentH) / s.StrideH) + 1;
        int outW = ((x.Width + left + right - s.ExtentW) / s.StrideW) + 1;

        int inPerGroup = s.KernelChannels, outPerGroup = s.OutputChannels / s.Groups;
        float[] weights = Expect(WeightValues.Read(p.Weights, name, "weights"), (long)s.OutputChannels * inPerGroup * s.KernelH * s.KernelW, name, "weights");
        float[]? bias = Bias(name, p, s);
        var y = new Blob(s.OutputChannels, outH, outW);
        int width = x.Width, height = x.Height;

        Parallel.For(0, s.OutputChannels, oc =>
        {
            var output = y.Channel(oc);
            output.Fill(bias?[oc] ?? 0f);
            int group = oc / outPerGroup;
            for (int ic = 0; ic < inPerGroup; ic++)
            {
                ReadOnlySpan<float> input = x.Channel((group * inPerGroup) + ic);
                for (int ky = 0; ky < s.KernelH; ky++)
                {
                    for (int kx = 0; kx < s.KernelW; kx++)
                    {
                        float w = weights[((((oc * inPerGroup) + ic) * s.KernelH) + ky) * s.KernelW + kx];

                        // Input column of output column ox: ox * stride + offset; keep ox where it lies inside the input.
                        int offset = (kx * s.DilationW) - left;
                        int oxStart = Math.Max(0, CeilDiv(-offset, s.StrideW));
                        int oxEnd = Math.Min(outW, FloorDiv(width - 1 - offset, s.StrideW) + 1);
                        if (w == 0f || oxStart >= oxEnd)
                        {
                            continue;
                        }

                        for (int oy = 0; oy < outH; oy++)
                        {
                            int iy = (oy * s.StrideH) - top + (ky * s.DilationH);
                            if (iy < 0 || iy >= height)
                            {
                                continue;
                            }

                            var inRow = input.Slice(iy * width, width);
                            var outRow = output.Slice(oy * outW, outW);
                            if (s.StrideW == 1)
                            {
                                Axpy(w, inRow.Slice(oxStart + offset, oxEnd - oxStart), outRow.Slice(oxStart, oxEnd - oxStart));
                            }
                            else
                            {
                                for (int ox = oxStart; ox < oxEnd; ox++)
                                {
                                    outRow[ox] += w * inRow[(ox * s.StrideW) + offset];
                                }
                            }
                        }
                    }
                }
            }
        });
        return y;
    }

    private static Blob Deconvolve(string name, ConvolutionLayerParams p, Shape s, Blob x)
    {
        if (s.KernelChannels != x.Channels || x.Channels % s.Groups != 0)
        {
            throw Invalid(name, $"deconvolution expects {s.KernelChannels} input channels (kernelChannels, divisible by groups {s.Groups}), got a {x.ShapeText} blob.");
        }

        int fullH = ((x.Height - 1) * s.StrideH) + s.ExtentH;
        int fullW = ((x.Width - 1) * s.StrideW) + s.ExtentW;
        var (outH, outW, top, left) = DeconvWindow(name, p, fullH, fullW, x, s);
        int inPerGroup = x.Channels / s.Groups, outPerGroup = s.OutputChannels / s.Groups;
        float[] weights = Expect(WeightValues.Read(p.Weights, name, "weights"), (long)x.Channels * outPerGroup * s.KernelH * s.KernelW, name, "weights");
        float[]? bias = Bias(name, p, s);
        var y = new Blob(s.OutputChannels, outH, outW);
        int width = x.Width, height = x.Height;

        Parallel.For(0, s.OutputChannels, oc =>
        {
            var output = y.Channel(oc);
            output.Fill(bias?[oc] ?? 0f);
            int group = oc / outPerGroup, ocInGroup = oc % outPerGroup;
            for (int icInGroup = 0; icInGroup < inPerGroup; icInGroup++)
            {
                int ic = (group * inPerGroup) + icInGroup;
                ReadOnlySpan<float> input = x.Channel(ic);
                for (int ky = 0; ky < s.KernelH; ky++)
                {
                    for (int kx = 0; kx < s.KernelW; kx++)
                    {
                        float w = weights[((((ic * outPerGroup) + ocInGroup) * s.KernelH) + ky) * s.KernelW + kx];

                        // Input column ix lands on output column ix * stride + offset; keep ix whose target is inside.
                        int offset = (kx * s.DilationW) - left;
                        int ixStart = Math.Max(0, CeilDiv(-offset, s.StrideW));
                        int ixEnd = Math.Min(width, FloorDiv(outW - 1 - offset, s.StrideW) + 1);
                        if (w == 0f || ixStart >= ixEnd)
                        {
                            continue;
                        }

                        for (int iy = 0; iy < height; iy++)
                        {
                            int oy = (iy * s.StrideH) + (ky * s.DilationH) - top;
                            if (oy < 0 || oy >= outH)
                            {
                                continue;
                            }

                            var inRow = input.Slice(iy * width, width);
                            var outRow = output.Slice(oy * outW, outW);
                            if (s.StrideW == 1)
                            {
                                Axpy(w, inRow.Slice(ixStart, ixEnd - ixStart), outRow.Slice(ixStart + offset, ixEnd - ixStart));
                            }
                            else
                            {
                                for (int ix = ixStart; ix < ixEnd; ix++)
                                {
                                    outRow[(ix * s.StrideW) + offset] += w * inRow[ix];
                                }
                            }
                        }
                    }
                }
            }
        });
        return y;
    }

    private static (int Top, int Bottom, int Left, int Right) ConvPadding(string name, ConvolutionLayerParams p, Shape s, Blob x)
    {
        switch (p.ConvolutionPaddingTypeCase)
        {
            case ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Valid:
                return Border(p.Valid.PaddingAmounts, name, "valid paddingAmounts");
            case ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Same:
                bool topLeftHeavy = p.Same.AsymmetryMode == SamePadding.Types.SamePaddingMode.TopLeftHeavy;
                var (top, bottom) = SameSplit(CeilDiv(x.Height, s.StrideH), s.StrideH, s.ExtentH, x.Height, topLeftHeavy);
                var (left, right) = SameSplit(CeilDiv(x.Width, s.StrideW), s.StrideW, s.ExtentW, x.Width, topLeftHeavy);
                return (top, bottom, left, right);
            default:
                throw Invalid(name, "the padding type (valid or same) is not set.");
        }
    }

    private static (int Start, int End) SameSplit(int outSize, int stride, int extent, int inSize, bool startHeavy)
    {
        int total = Math.Max(0, ((outSize - 1) * stride) + extent - inSize);
        int start = StartShare(total, startHeavy);
        return (start, total - start);
    }

    /// <summary>The part of an odd total that goes first: the larger half when the start is heavy.</summary>
    private static int StartShare(int total, bool startHeavy) => startHeavy ? total - (total / 2) : total / 2;

    private static (int OutH, int OutW, int Top, int Left) DeconvWindow(string name, ConvolutionLayerParams p, int fullH, int fullW, Blob x, Shape s)
    {
        if (p.OutputShape.Count > 0)
        {
            var (h, w) = Pair(p.OutputShape, 0, name, "outputShape");
            return h < 1 || w < 1 ? throw Invalid(name, "outputShape must be positive.") : (h, w, 0, 0);
        }

        switch (p.ConvolutionPaddingTypeCase)
        {
            case ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Valid:
                var (top, bottom, left, right) = Border(p.Valid.PaddingAmounts, name, "valid paddingAmounts");
                int outH = fullH - top - bottom, outW = fullW - left - right;
                return outH < 1 || outW < 1
                    ? throw Invalid(name, $"padding {top}+{bottom}, {left}+{right} removes the whole {fullH}x{fullW} deconvolution output.")
                    : (outH, outW, top, left);
            case ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Same:
                bool topLeftHeavy = p.Same.AsymmetryMode == SamePadding.Types.SamePaddingMode.TopLeftHeavy;
                int sameH = x.Height * s.StrideH, sameW = x.Width * s.StrideW;
                return (sameH, sameW, StartShare(Math.Max(0, fullH - sameH), topLeftHeavy), StartShare(Math.Max(0, fullW - sameW), topLeftHeavy));
            default:
                throw Invalid(name, "the padding type (valid or same) is not set.");
        }
    }

    private static float[]? Bias(string name, ConvolutionLayerParams p, Shape s) =>
        p.HasBias ? Expect(WeightValues.Read(p.Bias, name, "bias"), s.OutputChannels, name, "bias") : null;

    /// <summary>The kernel geometry with the schema's defaults applied.</summary>
    private sealed record Shape(int OutputChannels, int KernelChannels, int Groups, int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW)
    {
        public int ExtentH => ((KernelH - 1) * DilationH) + 1;

        public int ExtentW => ((KernelW - 1) * DilationW) + 1;

        public static Shape Of(string name, ConvolutionLayerParams p)
        {
            int groups = p.NGroups == 0 ? 1 : Int(p.NGroups, name, "nGroups");
            var (kh, kw) = Pair(p.KernelSize, 3, name, "kernelSize");
            var (sh, sw) = Pair(p.Stride, 1, name, "stride");
            var (dh, dw) = Pair(p.DilationFactor, 1, name, "dilationFactor");
            var shape = new Shape(Int(p.OutputChannels, name, "outputChannels"), Int(p.KernelChannels, name, "kernelChannels"), groups, kh, kw, sh, sw, dh, dw);
            if (new[] { shape.OutputChannels, shape.KernelChannels, kh, kw, sh, sw, dh, dw }.Any(v => v < 1))
            {
                throw Invalid(name, "channels, kernel size, stride and dilation must be positive.");
            }

            if (shape.OutputChannels % groups != 0)
            {
                throw Invalid(name, $"outputChannels {shape.OutputChannels} is not divisible by nGroups {groups}.");
            }

            return shape;
        }
    }
}
