using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Tests.Interpreting.TinyModels;
using Op = Painterly.CoreML.Specification.UnaryFunctionLayerParams.Types.Operation;

namespace Painterly.CoreML.Tests.Interpreting;

public class UnaryTests
{
    [Fact]
    public void Threshold_IsMaxOfXAndAlpha_AndUnsetScaleMeansOne()
    {
        var y = UnaryKernel.Run("t", new UnaryFunctionLayerParams { Type = Op.Threshold, Alpha = 2 }, Blob(1, 1, 3, 1, 3, -5));

        Assert.Equal([2, 3, 2], y.Data);
    }

    [Fact]
    public void Threshold_ScalesAndShiftsFirst()
    {
        // x' = -1 * x + 10 = [9, 7, 15], then max(x', 8).
        var p = new UnaryFunctionLayerParams { Type = Op.Threshold, Alpha = 8, Scale = -1, Shift = 10 };

        Assert.Equal([9, 8, 15], UnaryKernel.Run("t", p, Blob(1, 1, 3, 1, 3, -5)).Data);
    }

    [Fact]
    public void VersionOneClampChain_ClampsTo0And255()
    {
        var x = Blob(1, 1, 5, -300, -1, 0, 100, 300);

        var low = UnaryKernel.Run("min0", new UnaryFunctionLayerParams { Type = Op.Threshold, Alpha = 0, Scale = 1 }, x);
        var negated = UnaryKernel.Run("max255", new UnaryFunctionLayerParams { Type = Op.Threshold, Alpha = -255, Scale = -1 }, low);
        var y = ActivationKernel.Run("clamp", new ActivationParams { Linear = new ActivationLinear { Alpha = -1 } }, negated);

        Assert.Equal([0, 0, 0, 100, 255], y.Data);
    }

    [Theory]
    [InlineData(Op.Sqrt, 0f, 0f, 4f, 2f)]
    [InlineData(Op.Rsqrt, 0f, 0f, 4f, 0.5f)]
    [InlineData(Op.Inverse, 0f, 1f, 3f, 0.25f)]
    [InlineData(Op.Power, 3f, 0f, 2f, 8f)]
    [InlineData(Op.Exp, 0f, 0f, 0f, 1f)]
    [InlineData(Op.Log, 0f, 0f, 1f, 0f)]
    [InlineData(Op.Abs, 0f, 0f, -7f, 7f)]
    public void Operations(Op type, float alpha, float epsilon, float x, float expected)
    {
        var y = UnaryKernel.Run("u", new UnaryFunctionLayerParams { Type = type, Alpha = alpha, Epsilon = epsilon }, Blob(1, 1, 1, x));

        Assert.Equal(expected, y.Data[0], 5);
    }
}
