using Painterly.Torch.Losses;
using static TorchSharp.torch;

namespace Painterly.Torch.Tests.Losses;

public class StyleLossesTests
{
    [Fact]
    public void GramIsNormalisedByChannelsTimesPixels()
    {
        using var scope = NewDisposeScope();
        // Two channels over 2x1 pixels: a = [1, 2], b = [3, 4].
        var features = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 2, 1]);
        var gram = StyleLosses.Gram(features).data<float>().ToArray();
        // [[a.a, a.b], [b.a, b.b]] / (2 * 2 * 1).
        Assert.Equal([5 / 4f, 11 / 4f, 11 / 4f, 25 / 4f], gram);
    }

    [Fact]
    public void StyleSumsGramMseOverTaps()
    {
        using var scope = NewDisposeScope();
        var features = tensor(new float[] { 1, 2, 3, 4 }, [1, 2, 2, 1]);
        var target = zeros(1, 2, 2);
        float loss = StyleLosses.Style([features, features], [target, target]).item<float>();
        float one = ((25 + 121 + 121 + 625) / 16f) / 4f;
        Assert.Equal(2 * one, loss, 4);
    }

    [Fact]
    public void TotalVariationIsMeanAbsoluteNeighbourDifference()
    {
        using var scope = NewDisposeScope();
        // Rows [0, 10], [20, 40]: horizontal diffs 10, 20 (mean 15); vertical 20, 30 (mean 25).
        var image = tensor(new float[] { 0, 10, 20, 40 }, [1, 1, 2, 2]);
        Assert.Equal(40f, StyleLosses.TotalVariation(image).item<float>(), 4);
    }

    [Fact]
    public void ContentIsMeanSquaredError()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(12.5f, StyleLosses.Content(tensor(new float[] { 0, 5 }), tensor(new float[] { 5, 0 })).item<float>() / 2f, 4);
    }

    [Fact]
    public void GridIsZeroForTheInputAndIgnoresColourShifts()
    {
        using var scope = NewDisposeScope();
        var photo = rand(1, 3, 32, 32).mul(255);
        Assert.Equal(0f, StyleLosses.Grid(photo, photo, 8).item<float>(), 6);
        Assert.Equal(0f, StyleLosses.Grid(photo.add(40), photo, 8).item<float>(), 3);
    }

    [Fact]
    public void GridMeasuresAHatchingLockedToThePixelGrid()
    {
        using var scope = NewDisposeScope();
        var photo = rand(1, 3, 32, 32).mul(255);
        // A 4-level checkerboard of period 2 in y and x: every phase mean moves by +-4 around the photo's.
        var hatch = ones(1, 3, 32, 32);
        hatch[.., .., TensorIndex.Slice(0, null, 2), TensorIndex.Slice(0, null, 2)] = tensor(-1f);
        hatch[.., .., TensorIndex.Slice(1, null, 2), TensorIndex.Slice(1, null, 2)] = tensor(-1f);
        float loss = StyleLosses.Grid(photo.add(hatch.mul(4)), photo, 8).item<float>();
        Assert.Equal(16f, loss, 2);
    }
}
