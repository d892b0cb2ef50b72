using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Tests.Interpreting.TinyModels;

namespace Painterly.CoreML.Tests.Interpreting;

public class ElementwiseLayerTests
{
    [Fact]
    public void InstanceNorm_ComputesStatisticsPerChannel()
    {
        // Channel 0: [1, 2, 3, 4], mean 2.5, variance 1.25; channel 1 constant: variance 0, epsilon keeps it finite.
        var p = new BatchnormLayerParams { Channels = 2, ComputeMeanVar = true, InstanceNormalization = true, Epsilon = 1e-5f, Gamma = Weights(2, 1), Beta = Weights(1, 7) };

        var y = BatchnormKernel.Run("in1", p, Blob(2, 2, 2, 1, 2, 3, 4, 5, 5, 5, 5));

        float s = 2 / MathF.Sqrt(1.25f + 1e-5f);
        Assert.Equal(new[] { 1 - (1.5f * s), 1 - (0.5f * s), 1 + (0.5f * s), 1 + (1.5f * s) }, y.Data[..4], new Tolerance(1e-5f));
        Assert.All(y.Data[4..], v => Assert.Equal(7f, v, 5));
    }

    [Fact]
    public void PlainBatchnorm_UsesStoredMeanAndVariance()
    {
        var p = new BatchnormLayerParams { Channels = 1, Epsilon = 0, Gamma = Weights(3), Beta = Weights(1), Mean = Weights(10), Variance = Weights(4) };

        var y = BatchnormKernel.Run("bn", p, Blob(1, 1, 2, 10, 14));

        Assert.Equal([1, 7], y.Data);
    }

    [Fact]
    public void Activations()
    {
        var x = Blob(1, 1, 3, -2, 0, 2);

        Assert.Equal([0, 0, 2], ActivationKernel.Run("a", new ActivationParams { ReLU = new() }, x).Data);
        Assert.Equal([-5, 1, 7], ActivationKernel.Run("a", new ActivationParams { Linear = new ActivationLinear { Alpha = 3, Beta = 1 } }, x).Data);
        Assert.Equal([MathF.Tanh(-2), 0, MathF.Tanh(2)], ActivationKernel.Run("a", new ActivationParams { Tanh = new() }, x).Data);
        Assert.Equal([2 * MathF.Tanh(-1), 0, 2 * MathF.Tanh(1)], ActivationKernel.Run("a", new ActivationParams { ScaledTanh = new ActivationScaledTanh { Alpha = 2, Beta = 0.5f } }, x).Data);
        Assert.Equal(0.5f, ActivationKernel.Run("a", new ActivationParams { Sigmoid = new() }, x).Data[1]);
    }

    [Fact]
    public void UnsetActivation_IsNotSupported_NamingTheLayer()
    {
        var e = Assert.Throws<NotSupportedException>(() => ActivationKernel.Run("act9", new ActivationParams(), Blob(1, 1, 1, 0)));

        Assert.Contains("act9", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NearestUpsample_RepeatsByIntegerFactors()
    {
        var y = UpsampleKernel.Run("up", new UpsampleLayerParams { ScalingFactor = { 2, 3 } }, Blob(1, 1, 2, 1, 2));

        Assert.Equal((2, 6), (y.Height, y.Width));
        Assert.Equal([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2], y.Data);
    }

    [Fact]
    public void BilinearUpsample_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => UpsampleKernel.Run("up", new UpsampleLayerParams { ScalingFactor = { 2, 2 }, Mode = UpsampleLayerParams.Types.InterpolationMode.Bilinear }, Blob(1, 1, 1, 1)));
    }

    [Fact]
    public void AddAndMultiply_SeveralInputsBroadcast_OneInputUsesAlpha()
    {
        var x = Blob(2, 1, 2, 1, 2, 3, 4);
        var perChannel = Blob(2, 1, 1, 10, 20);

        Assert.Equal([11, 12, 23, 24], ElementwiseKernel.Add("add", [x, perChannel], 0).Data);
        Assert.Equal([10, 20, 60, 80], ElementwiseKernel.Multiply("mul", [x, perChannel], 0).Data);
        Assert.Equal([1, 3, 5, 7], ElementwiseKernel.Add("add", [x, x, Blob(1, 1, 1, -1)], 0).Data);
        Assert.Equal([1.5f, 2.5f, 3.5f, 4.5f], ElementwiseKernel.Add("add", [x], 0.5f).Data);
        Assert.Equal([-1, -2, -3, -4], ElementwiseKernel.Multiply("mul", [x], -1).Data);
    }

    [Fact]
    public void ScaleAndBias_BroadcastTheirShapes()
    {
        var x = Blob(2, 1, 2, 1, 2, 3, 4);
        var scale = new ScaleLayerParams { ShapeScale = { 2 }, Scale = Weights(10, 100), HasBias = true, ShapeBias = { 1 }, Bias = Weights(1) };
        var bias = new BiasLayerParams { Shape = { 1, 1, 2 }, Bias = Weights(5, 6) };

        Assert.Equal([11, 21, 301, 401], ScaleBiasKernel.Scale("s", scale, x).Data);
        Assert.Equal([6, 8, 8, 10], ScaleBiasKernel.Bias("b", bias, x).Data);
    }

    [Fact]
    public void ScaleWithAMismatchedShape_IsRejected()
    {
        var scale = new ScaleLayerParams { ShapeScale = { 3 }, Scale = Weights(1, 2, 3) };

        Assert.Throws<InvalidDataException>(() => ScaleBiasKernel.Scale("s", scale, Blob(2, 1, 1, 1, 2)));
    }

    [Fact]
    public void Clip_BoundsValues()
    {
        Assert.Equal([0, 10, 255], ActivationKernel.Clip("clip", new ClipLayerParams { MinVal = 0, MaxVal = 255 }, Blob(1, 1, 3, -4, 10, 300)).Data);
    }

    private sealed class Tolerance(float epsilon) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(float obj) => 0;
    }
}
