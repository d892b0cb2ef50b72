using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Tests.Interpreting.TinyModels;

namespace Painterly.CoreML.Tests.Interpreting;

public class PaddingTests
{
    // [[1, 2, 3], [4, 5, 6]] padded top 1, bottom 1, left 2, right 1.
    private static readonly Blob Input = Blob(1, 2, 3, 1, 2, 3, 4, 5, 6);

    [Fact]
    public void Reflection_MirrorsWithoutRepeatingTheEdge()
    {
        var y = PaddingKernel.Run("pad", new PaddingLayerParams { Reflection = new(), PaddingAmounts = Border(1, 1, 2, 1) }, Input);

        Assert.Equal((4, 6), (y.Height, y.Width));
        Assert.Equal(
            [
                6, 5, 4, 5, 6, 5,
                3, 2, 1, 2, 3, 2,
                6, 5, 4, 5, 6, 5,
                3, 2, 1, 2, 3, 2,
            ],
            y.Data);
    }

    [Fact]
    public void Replication_RepeatsTheEdge()
    {
        var y = PaddingKernel.Run("pad", new PaddingLayerParams { Replication = new(), PaddingAmounts = Border(1, 1, 2, 1) }, Input);

        Assert.Equal(
            [
                1, 1, 1, 2, 3, 3,
                1, 1, 1, 2, 3, 3,
                4, 4, 4, 5, 6, 6,
                4, 4, 4, 5, 6, 6,
            ],
            y.Data);
    }

    [Fact]
    public void Constant_FillsWithTheValue()
    {
        var p = new PaddingLayerParams { Constant = new PaddingLayerParams.Types.PaddingConstant { Value = -1 }, PaddingAmounts = Border(0, 1, 1, 0) };

        var y = PaddingKernel.Run("pad", p, Input);

        Assert.Equal([-1, 1, 2, 3, -1, 4, 5, 6, -1, -1, -1, -1], y.Data);
    }

    [Fact]
    public void Reflection_WiderThanTheInput_IsRejected()
    {
        var e = Assert.Throws<InvalidDataException>(() =>
            PaddingKernel.Run("conv1/pad", new PaddingLayerParams { Reflection = new(), PaddingAmounts = Border(2, 0, 0, 0) }, Input));

        Assert.Contains("conv1/pad", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsetMode_IsRejected()
    {
        Assert.Throws<InvalidDataException>(() => PaddingKernel.Run("p", new PaddingLayerParams { PaddingAmounts = Border(1, 1, 1, 1) }, Input));
    }
}
