using Painterly.Core.Evaluation;
using Painterly.Core.Images;

namespace Painterly.Core.Tests.Evaluation;

public sealed class StructureCorrelationTests
{
    [Fact]
    public void Is_one_for_a_brighter_copy_and_minus_one_for_a_negative()
    {
        float[] a = [1, 5, 2, 8, 3];
        Assert.Equal(1, StructureCorrelation.Of(a, a.Select(v => (2 * v) + 10).ToArray()), 12);
        Assert.Equal(-1, StructureCorrelation.Of(a, a.Select(v => 255 - v).ToArray()), 12);
    }

    [Fact]
    public void Is_zero_against_a_flat_image() =>
        Assert.Equal(0, StructureCorrelation.Of([1, 2, 3], [7, 7, 7]));

    [Fact]
    public void Grayscale_weights_red_green_blue_as_the_measures_define()
    {
        var image = new PlanarImage(1, 1, [100, 200, 50]);
        Assert.Equal((0.299f * 100) + (0.587f * 200) + (0.114f * 50), Grayscale.Of(image)[0], 3);
    }
}
