using Painterly.Core.Images;
using Painterly.Torch.Painting;

namespace Painterly.Torch.Tests.Painting;

public sealed class GatysPainterTests(PaintFixture fixture) : IClassFixture<PaintFixture>
{
    [Fact]
    public void LbfgsCutsTheStyleLossAndKeepsTheContent()
    {
        var (result, steps) = Paint(Options(iterations: 30));

        Assert.Equal(30, steps.Count);
        Assert.True(steps[^1].Style < steps[0].Style / 5, $"style {steps[0].Style} -> {steps[^1].Style}");
        Assert.Equal((64, 48), (result.Image.Width, result.Image.Height));
        double correlation = Correlation(ColorTransfer.Luma(result.Image), ColorTransfer.Luma(Content()));
        Assert.True(correlation > 0.25, $"luma correlation {correlation}");
    }

    [Fact]
    public void AdamAlsoReducesTheLoss()
    {
        var (_, steps) = Paint(Options(iterations: 25) with { Optimizer = PaintOptimizer.Adam });

        Assert.True(steps[^1].Total < steps[0].Total * 0.7, $"total {steps[0].Total} -> {steps[^1].Total}");
    }

    [Fact]
    public void ABlendOfOneAndZeroIsTheSingleStyleRun()
    {
        var single = Paint(Options(iterations: 6)).Result;
        var blended = Paint(Options(iterations: 6) with { StyleImages = [fixture.StylePath, fixture.SecondStylePath], StyleBlend = [1, 0] }).Result;
        var other = Paint(Options(iterations: 6) with { StyleImages = [fixture.StylePath, fixture.SecondStylePath], StyleBlend = [0.5, 0.5] }).Result;

        Assert.Equal(single.Last!.Style, blended.Last!.Style, 1e-3 * single.Last.Style);
        Assert.True(MaxDifference(single.Image, blended.Image) < 0.5, $"max difference {MaxDifference(single.Image, blended.Image)}");
        Assert.True(MaxDifference(single.Image, other.Image) > 1, "a different blend should change the picture");
    }

    [Fact]
    public void PreserveColorKeepsTheContentsChroma()
    {
        var plain = Paint(Options(iterations: 10)).Result.Image;
        var kept = Paint(Options(iterations: 10) with { PreserveColor = true }).Result.Image;
        var content = Content();

        double keptError = ChromaError(kept, content), plainError = ChromaError(plain, content);
        Assert.True(keptError < 2, $"chroma error {keptError}");
        Assert.True(plainError > keptError * 2, $"plain {plainError}, kept {keptError}");
    }

    [Fact]
    public void SnapshotsAreWrittenBesideTheOutput()
    {
        string output = Path.Combine(fixture.Folder, "snap.png");
        var (result, _) = Paint(Options(iterations: 4) with { SaveEvery = 2, OutputPath = output });

        string[] expected = [Path.Combine(fixture.Folder, "snap-iter0002.png"), Path.Combine(fixture.Folder, "snap-iter0004.png")];
        Assert.Equal(expected, result.Snapshots);
        foreach (string file in expected)
        {
            using var bitmap = ImageDecoder.Decode(file);
            Assert.Equal((64, 48), (bitmap.Width, bitmap.Height));
        }
    }

    [Fact]
    public void LargeSizesPaintAtHalfSizeFirstAndNoiseStartsWork()
    {
        var (result, steps) = Paint(Options(iterations: 6) with { MultiScaleAbove = 32, Init = PaintInit.Noise });

        Assert.Equal([32, 32, 32, 64, 64, 64], steps.Select(s => s.Width));
        Assert.Equal((64, 48), (result.Image.Width, result.Image.Height));
        Assert.Equal(6, result.Iterations);
    }

    [Fact]
    public void OddSizesComeBackAtTheContentsAspectRatio()
    {
        var (result, _) = Paint(Options(iterations: 1) with { Size = 50 });

        Assert.Equal((50, 38), (result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void AStyleWeightPerStyleIsRequired()
    {
        var options = Options(iterations: 1) with { StyleBlend = [0.7, 0.3] };

        var error = Assert.Throws<ArgumentException>(() => new GatysPainter(options, fixture.Network));
        Assert.Contains("one weight per --style", error.Message, StringComparison.Ordinal);
    }

    private PaintOptions Options(int iterations) => new()
    {
        ContentImage = fixture.ContentPath,
        StyleImages = [fixture.StylePath],
        Size = 64,
        Iterations = iterations,
        // Pinned (not the defaults, which are tuned for 512 px photos) so the thresholds below stay meaningful.
        ContentWeight = 10,
        StyleWeight = 1e5,
        ContentTap = "layer1",
        OutputPath = Path.Combine(fixture.Folder, "out.png"),
    };

    private (PaintResult Result, List<PaintProgress> Steps) Paint(PaintOptions options)
    {
        var steps = new List<PaintProgress>();
        var painter = new GatysPainter(options, fixture.Network);
        painter.IterationCompleted += steps.Add;
        return (painter.Paint(), steps);
    }

    private PlanarImage Content() => ImageDecoder.DecodePlanar(fixture.ContentPath);

    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }

        return ab / Math.Sqrt(aa * bb);
    }

    private static float MaxDifference(PlanarImage a, PlanarImage b) => a.Data.Zip(b.Data, (x, y) => Math.Abs(x - y)).Max();

    /// <summary>Mean absolute difference of full-range Cb and Cr (BT.601), over pixels away from clipping.</summary>
    private static double ChromaError(PlanarImage image, PlanarImage reference)
    {
        double sum = 0;
        int n = image.PixelCount;
        for (int i = 0; i < n; i++)
        {
            var (cb1, cr1) = Chroma(image, i);
            var (cb2, cr2) = Chroma(reference, i);
            sum += Math.Abs(cb1 - cb2) + Math.Abs(cr1 - cr2);
        }

        return sum / (2 * n);
    }

    private static (double Cb, double Cr) Chroma(PlanarImage image, int i)
    {
        double r = image.Channel(0)[i], g = image.Channel(1)[i], b = image.Channel(2)[i];
        return ((-0.168736 * r) - (0.331264 * g) + (0.5 * b), (0.5 * r) - (0.418688 * g) - (0.081312 * b));
    }
}
