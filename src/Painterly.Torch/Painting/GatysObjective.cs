using Painterly.Torch.Losses;
using static TorchSharp.torch;

namespace Painterly.Torch.Painting;

/// <summary>
/// The Gatys loss of an image at one scale: content MSE at the content tap, the blend of every style's Gram loss,
/// and total variation. Targets are computed once; <see cref="Evaluate"/> records the weighted terms it returns.
/// </summary>
internal sealed class GatysObjective : IDisposable
{
    private readonly LossNetwork network;
    private readonly Tensor contentTarget;
    private readonly (double Weight, Tensor[] Grams)[] styles;
    private readonly LossWeights weights;

    /// <param name="network">The frozen loss network.</param>
    /// <param name="content">The content image [1, 3, H, W], 0-255, padded like the image being optimised.</param>
    /// <param name="styles">Each style's Gram matrices (at the network's style taps) and its blend weight; weight 0 is skipped. The objective owns the Grams.</param>
    /// <param name="weights">The loss weights.</param>
    public GatysObjective(LossNetwork network, Tensor content, IEnumerable<(double Weight, Tensor[] Grams)> styles, LossWeights weights)
    {
        this.network = network;
        this.weights = weights;
        // A style with weight 0 adds nothing, so leaving it out makes a (1, 0) blend the single-style run exactly.
        this.styles = [.. styles.Where(s => s.Weight > 0)];
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        contentTarget = network.call(content)[network.ContentTap].detach().MoveToOuterDisposeScope();
    }

    /// <summary>Weighted content loss of the last evaluation.</summary>
    public double LastContent { get; private set; }

    /// <summary>Weighted style loss of the last evaluation.</summary>
    public double LastStyle { get; private set; }

    /// <summary>Weighted total variation of the last evaluation.</summary>
    public double LastTotalVariation { get; private set; }

    /// <summary>The total loss of <paramref name="image"/>, differentiable; the terms are kept in the Last* properties.</summary>
    public Tensor Evaluate(Tensor image)
    {
        using var scope = NewDisposeScope();
        var features = network.call(image);
        var content = StyleLosses.Content(features[network.ContentTap], contentTarget).mul(weights.Content);
        Tensor[] styleFeatures = [.. network.StyleTaps.Select(t => features[t])];
        var style = zeros(1, device: image.device).squeeze();
        foreach (var (weight, grams) in styles)
        {
            style = style.add(StyleLosses.Style(styleFeatures, grams).mul(weight));
        }

        style = style.mul(weights.Style);
        var tv = StyleLosses.TotalVariation(image).mul(weights.TotalVariation);
        LastContent = content.item<float>();
        LastStyle = style.item<float>();
        LastTotalVariation = tv.item<float>();
        return content.add(style).add(tv).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        contentTarget.Dispose();
        foreach (var gram in styles.SelectMany(s => s.Grams))
        {
            gram.Dispose();
        }
    }
}
