using Painterly.Torch.Losses;

namespace Painterly.Torch.Painting;

/// <summary>Loss weights and content tap for painting, per loss network (pixels are freer than a trained net's output).</summary>
public static class PaintDefaults
{
    /// <summary>Weights that give a clearly stylized photo in the default iterations.</summary>
    public static LossWeights Weights(LossNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Kind == "resnet18"
            ? new LossWeights(Content: 10, Style: 1e5, TotalVariation: 1)
            : network.DefaultWeights;
    }

    /// <summary>The content tap: the network's own default.</summary>
    public static string ContentTap(LossNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.TapNames[network.ContentTap];
    }
}
