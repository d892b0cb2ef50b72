namespace Painterly.Torch.Painting;

/// <summary>Every setting of one Gatys painting.</summary>
public sealed record PaintOptions
{
    /// <summary>The photo whose structure is kept.</summary>
    public required string ContentImage { get; init; }

    /// <summary>One or more style images (paintings).</summary>
    public required IReadOnlyList<string> StyleImages { get; init; }

    /// <summary>How much each style counts, one per style image (normalised to sum 1); null = equal.</summary>
    public IReadOnlyList<double>? StyleBlend { get; init; }

    /// <summary>Longest side of the result in pixels.</summary>
    public int Size { get; init; } = 512;

    /// <summary>Optimisation iterations (one loss evaluation each), over all scales.</summary>
    public int Iterations { get; init; } = 200;

    /// <summary>L-BFGS or Adam.</summary>
    public PaintOptimizer Optimizer { get; init; } = PaintOptimizer.Lbfgs;

    /// <summary>Learning rate; null = 1 for L-BFGS, 4 (pixel levels per step) for Adam.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Content weight; null takes <see cref="PaintDefaults.Weights"/>.</summary>
    public double? ContentWeight { get; init; }

    /// <summary>Style weight; null takes <see cref="PaintDefaults.Weights"/>.</summary>
    public double? StyleWeight { get; init; }

    /// <summary>Total variation weight; null takes <see cref="PaintDefaults.Weights"/>.</summary>
    public double? TvWeight { get; init; }

    /// <summary>Content tap name; null takes <see cref="PaintDefaults.ContentTap"/>.</summary>
    public string? ContentTap { get; init; }

    /// <summary>Start from the content photo or from noise.</summary>
    public PaintInit Init { get; init; } = PaintInit.Content;

    /// <summary>Style image size relative to the content: its longest side is this times the content's.</summary>
    public double StyleScale { get; init; } = 1.0;

    /// <summary>Keep the photo's colours (luminance transfer) in the result and the snapshots.</summary>
    public bool PreserveColor { get; init; }

    /// <summary><c>resnet18</c>, <c>vgg16:&lt;file&gt;</c> or <c>vgg19:&lt;file&gt;</c>.</summary>
    public string LossNetwork { get; init; } = Losses.LossNetworkFactory.Default;

    /// <summary>Write a snapshot every N iterations (0 = never).</summary>
    public int SaveEvery { get; init; }

    /// <summary>Path of the final image; snapshots are written beside it as <c>&lt;name&gt;-iterNNNN.png</c>.</summary>
    public string OutputPath { get; init; } = "painted.png";

    /// <summary>Sizes above this paint at half size for half the iterations first, then refine (0 = never).</summary>
    public int MultiScaleAbove { get; init; } = 512;

    /// <summary>Seed of the noise start.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Checks ranges.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public PaintOptions Validate()
    {
        Check(StyleImages.Count >= 1, "give at least one --style image.");
        Check(StyleBlend is null || StyleBlend.Count == StyleImages.Count, $"--style-weights has {StyleBlend?.Count} value(s) but there are {StyleImages.Count} style image(s); give one weight per --style.");
        Check(StyleBlend is null || (StyleBlend.All(w => w >= 0 && double.IsFinite(w)) && StyleBlend.Sum() > 0), "--style-weights must be 0 or more and not all 0.");
        Check(Size is >= 32 and <= 4096, "--size must be 32..4096.");
        Check(Iterations is >= 1 and <= 100_000, "--iterations must be 1..100000.");
        Check(LearningRate is null || (LearningRate > 0 && double.IsFinite(LearningRate.Value)), "--lr must be positive.");
        Check(ContentWeight is null or >= 0 && StyleWeight is null or >= 0 && TvWeight is null or >= 0, "loss weights must be 0 or more.");
        Check(StyleScale is >= 0.1 and <= 4, "--style-scale must be 0.1..4.");
        Check(SaveEvery >= 0, "--save-every must be 0 or more.");
        Check(MultiScaleAbove >= 0, "the multi-scale threshold must be 0 or more.");
        return this;
    }

    /// <summary>The style weights normalised to sum 1.</summary>
    public double[] NormalisedBlend()
    {
        double[] raw = StyleBlend is null ? [.. StyleImages.Select(_ => 1.0)] : [.. StyleBlend];
        double sum = raw.Sum();
        return [.. raw.Select(w => w / sum)];
    }

    /// <summary>Where the snapshot after <paramref name="iteration"/> goes: <c>&lt;out&gt;-iterNNNN.png</c> beside the output.</summary>
    public string SnapshotPath(int iteration)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(OutputPath))!;
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(OutputPath)}-iter{iteration:D4}.png");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
