using Painterly.Core.Stylizing;

namespace Painterly.Core.Tests.Stylizing;

public class TileLayoutTests
{
    [Theory]
    [InlineData(4000, 1024, 256)]
    [InlineData(3000, 1024, 256)]
    [InlineData(1025, 1024, 256)]
    [InlineData(333, 128, 32)]
    [InlineData(100, 128, 32)]
    public void TilesCoverTheAxisWithEqualSizesAndSummedWeightsNeverZero(int length, int tile, int overlap)
    {
        var layout = new TileLayout(length, tile, overlap);
        Assert.Equal(Math.Min(tile, length), layout.TileLength);
        Assert.Equal(0, layout.Starts[0]);
        Assert.Equal(length - layout.TileLength, layout.Starts[^1]);
        var total = new float[length];
        for (int i = 0; i < layout.Starts.Count; i++)
        {
            if (i > 0)
            {
                // Neighbours overlap by at least the nominal overlap, so the cross-fade is never abrupt.
                Assert.True(layout.Starts[i - 1] + layout.TileLength - layout.Starts[i] >= layout.Overlap);
            }

            var weights = layout.Weights(i);
            for (int x = 0; x < layout.TileLength; x++)
            {
                total[layout.Starts[i] + x] += weights[x];
            }
        }

        Assert.All(total, w => Assert.True(w > 0.01f));
    }

    [Fact]
    public void WeightsRampAcrossSharedEdgesOnly()
    {
        var layout = new TileLayout(200, 128, 32);
        var first = layout.Weights(0);
        var last = layout.Weights(layout.Starts.Count - 1);
        Assert.Equal(1f, first[0]);
        Assert.True(first[^1] < 0.1f);
        Assert.True(last[0] < 0.1f);
        Assert.Equal(1f, last[^1]);

        // A smooth ramp: consecutive weights never jump by more than one step of the shared width.
        int shared = layout.Starts[0] + layout.TileLength - layout.Starts[1];
        for (int x = 1; x < first.Length; x++)
        {
            Assert.True(Math.Abs(first[x] - first[x - 1]) <= (1f / shared) + 1e-6f);
        }
    }

    [Theory]
    [InlineData(0, 128, 0)]
    [InlineData(100, 128, 65)]
    [InlineData(100, 0, 0)]
    public void RejectsImpossibleLayouts(int length, int tile, int overlap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TileLayout(length, tile, overlap));
}
