namespace Painterly.Torch.Losses;

/// <summary>How much each term counts in the training loss.</summary>
/// <param name="Content">Weight of the content loss (MSE of features at the content tap).</param>
/// <param name="Style">Weight of the style loss (MSE of normalised Gram matrices, summed over the style taps).</param>
/// <param name="TotalVariation">Weight of the total variation (mean absolute neighbour difference, 0-255 pixels).</param>
public sealed record LossWeights(double Content, double Style, double TotalVariation);
