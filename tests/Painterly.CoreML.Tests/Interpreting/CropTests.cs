using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Tests.Interpreting.TinyModels;

namespace Painterly.CoreML.Tests.Interpreting;

public class CropTests
{
    [Fact]
    public void CropAmounts_RemoveTopBottomLeftRight()
    {
        // 4x5 of 0..19; remove 1 row at the top, 1 column at the left, 2 at the right.
        var y = CropKernel.Run("crop", new CropLayerParams { CropAmounts = Border(1, 0, 1, 2) }, [Counting(1, 4, 5)]);

        Assert.Equal((3, 2), (y.Height, y.Width));
        Assert.Equal([6, 7, 11, 12, 16, 17], y.Data);
    }

    [Fact]
    public void TwoInputs_TakeTheSecondInputsSizeAtTheOffset()
    {
        var reference = new Blob(1, 2, 2);

        var y = CropKernel.Run("crop", new CropLayerParams { Offset = { 2, 3 } }, [Counting(2, 4, 5), reference]);

        Assert.Equal([13, 14, 18, 19, 33, 34, 38, 39], y.Data);
    }

    [Fact]
    public void CropLargerThanTheInput_IsRejected()
    {
        Assert.Throws<InvalidDataException>(() => CropKernel.Run("crop", new CropLayerParams { CropAmounts = Border(2, 2, 0, 0) }, [Counting(1, 4, 5)]));
    }
}
