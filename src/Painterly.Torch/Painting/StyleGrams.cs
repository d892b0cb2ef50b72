using Painterly.Torch.Losses;
using static TorchSharp.torch;

namespace Painterly.Torch.Painting;

/// <summary>A style image's Gram matrices at the loss network's style taps, for one painting scale.</summary>
internal static class StyleGrams
{
    /// <summary>Decodes <paramref name="path"/>, sizes its longest side to <paramref name="side"/> and returns [1, C, C] Grams.</summary>
    public static Tensor[] Compute(string path, int side, LossNetwork network, Device device)
    {
        var style = PaintImages.LoadFitted(path, Math.Max(side, network.SizeMultiple), "style");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Padded rather than cropped, so a long thin painting still fits the network's multiple.
        var taps = network.call(PaintImages.ToPaddedTensor(style, network.SizeMultiple).to(device));
        return [.. network.StyleTaps.Select(t => StyleLosses.Gram(taps[t]).MoveToOuterDisposeScope())];
    }
}
