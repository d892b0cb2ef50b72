using Painterly.Torch.Losses;

namespace Painterly.Torch.Painting;

/// <summary>Loss weights and content tap for painting, per loss network (pixels are freer than a trained net's output).</summary>
public static class PaintDefaults
{
    /// <summary>
    /// Weights that give a clearly stylized photo in the default iterations. ResNet-18: tuned on a 256 px Set14
    /// photo with Starry Night; the training weights (style 1e5) only tinted it, 1e6 paints it.
    /// </summary>
    public static LossWeights Weights(LossNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Kind == "resnet18"
            ? new LossWeights(Content: 10, Style: 1e6, TotalVariation: 1)
            : network.DefaultWeights;
    }

    /// <summary>The content tap: ResNet-18 <c>layer2</c> (deeper than training's layer1, so strokes may move pixels); otherwise the network's own.</summary>
    public static string ContentTap(LossNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Kind == "resnet18" ? "layer2" : network.TapNames[network.ContentTap];
    }
}
