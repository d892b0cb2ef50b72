namespace Painterly.Torch.Training;

/// <summary>What one optimizer step reports.</summary>
/// <param name="Step">Steps completed (1-based).</param>
/// <param name="TotalSteps">Steps in the run.</param>
/// <param name="Content">Weighted content loss.</param>
/// <param name="Style">Weighted style loss.</param>
/// <param name="TotalVariation">Weighted total variation.</param>
/// <param name="ImagesPerSecond">Throughput over the recent steps.</param>
/// <param name="LearningRate">Learning rate used.</param>
/// <param name="Remaining">Estimated time to the end.</param>
/// <param name="Grid">Weighted grid loss.</param>
public sealed record TrainingStep(long Step, long TotalSteps, double Content, double Style, double TotalVariation, double ImagesPerSecond, double LearningRate, TimeSpan Remaining, double Grid = 0)
{
    /// <summary>Sum of the weighted terms.</summary>
    public double Total => Content + Style + TotalVariation + Grid;
}
