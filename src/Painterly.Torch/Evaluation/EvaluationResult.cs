namespace Painterly.Torch.Evaluation;

/// <summary>Mean losses and art measures of a style over a folder of photos.</summary>
/// <param name="Images">Photos evaluated.</param>
/// <param name="Content">Mean unweighted content loss (stylized vs photo).</param>
/// <param name="Style">Mean unweighted style loss, or null without a style image.</param>
/// <param name="TotalVariation">Mean total variation of the stylized photos (0-255 pixels).</param>
/// <param name="MillisecondsPerImage">Mean stylizing time per photo.</param>
public sealed record EvaluationResult(int Images, double Content, double? Style, double TotalVariation, double MillisecondsPerImage)
{
    /// <summary>Closure, structure and grid peak (../docs/training.md).</summary>
    public ArtMeasures? Measures { get; init; }

    /// <summary>Files skipped: not decodable, or too small for the loss network.</summary>
    public int Skipped { get; init; }
}

/// <summary>The three art measures, means over the photos, with the photos' own baselines.</summary>
/// <param name="Closure">1 - mean S(stylized) / mean S(photo): how far the style statistics moved to the painting's; null without a painting.</param>
/// <param name="Structure">Mean Pearson correlation of the grayscale stylized image with the grayscale photo.</param>
/// <param name="GridPeak">Mean periodic-artifact strength of the stylized images.</param>
/// <param name="PhotoGridPeak">The same of the photos themselves.</param>
/// <param name="StyleDistance">Mean style distance S of the stylized images to the painting.</param>
/// <param name="PhotoStyleDistance">Mean S of the photos.</param>
public sealed record ArtMeasures(double? Closure, double Structure, double GridPeak, double PhotoGridPeak, double? StyleDistance, double? PhotoStyleDistance);
