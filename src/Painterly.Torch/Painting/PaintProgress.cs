namespace Painterly.Torch.Painting;

/// <summary>What one iteration reports.</summary>
/// <param name="Iteration">Iterations completed (1-based, counted over all scales).</param>
/// <param name="TotalIterations">Iterations in the run.</param>
/// <param name="Width">Width of the image being optimised at this scale.</param>
/// <param name="Height">Height of the image being optimised at this scale.</param>
/// <param name="Content">Weighted content loss.</param>
/// <param name="Style">Weighted style loss (the blend of every style).</param>
/// <param name="TotalVariation">Weighted total variation.</param>
/// <param name="Elapsed">Time since painting started.</param>
/// <param name="Remaining">Estimated time to the end.</param>
public sealed record PaintProgress(
    int Iteration, int TotalIterations, int Width, int Height, double Content, double Style, double TotalVariation, TimeSpan Elapsed, TimeSpan Remaining)
{
    /// <summary>Sum of the weighted terms.</summary>
    public double Total => Content + Style + TotalVariation;
}
