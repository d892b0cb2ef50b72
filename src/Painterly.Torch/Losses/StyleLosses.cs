using static TorchSharp.torch;

namespace Painterly.Torch.Losses;

/// <summary>The three loss terms, as pure tensor functions.</summary>
public static class StyleLosses
{
    /// <summary>Gram matrices [N, C, C] of features [N, C, H, W], divided by C*H*W (as pytorch/examples).</summary>
    public static Tensor Gram(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        long n = features.shape[0], c = features.shape[1], hw = features.shape[2] * features.shape[3];
        using var flat = features.reshape(n, c, hw);
        using var transposed = flat.transpose(1, 2);
        using var product = flat.bmm(transposed);
        return product.div(c * hw);
    }

    /// <summary>Mean squared error between generated and target features.</summary>
    public static Tensor Content(Tensor generated, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(generated);
        return nn.functional.mse_loss(generated, target);
    }

    /// <summary>Sum over taps of the MSE between the generated Gram matrices and the target ones (broadcast over the batch).</summary>
    public static Tensor Style(IReadOnlyList<Tensor> generatedFeatures, IReadOnlyList<Tensor> targetGrams)
    {
        ArgumentNullException.ThrowIfNull(generatedFeatures);
        ArgumentNullException.ThrowIfNull(targetGrams);
        using var scope = NewDisposeScope();
        var total = zeros(1, device: generatedFeatures[0].device).squeeze();
        for (int i = 0; i < generatedFeatures.Count; i++)
        {
            var gram = Gram(generatedFeatures[i]);
            total = total.add(gram.sub(targetGrams[i]).square().mean());
        }

        return total.MoveToOuterDisposeScope();
    }

    /// <summary>Total variation: mean absolute difference between horizontal neighbours plus that between vertical ones.</summary>
    public static Tensor TotalVariation(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        long h = images.shape[2], w = images.shape[3];
        var dx = images[.., .., .., TensorIndex.Slice(1, w)].sub(images[.., .., .., TensorIndex.Slice(0, w - 1)]).abs().mean();
        var dy = images[.., .., TensorIndex.Slice(1, h), ..].sub(images[.., .., TensorIndex.Slice(0, h - 1), ..]).abs().mean();
        return dx.add(dy).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Grid loss: the MSE between the per-phase means (position modulo <paramref name="period"/> in y and x, minus
    /// their average) of the generated and the input images. A pattern locked to the pixel grid at a period that
    /// divides <paramref name="period"/> (the hatching a strided network leaves, which a strided loss network
    /// barely sees) moves these means; the photo's own phase means are the target, so texture is left alone.
    /// </summary>
    public static Tensor Grid(Tensor generated, Tensor input, int period)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        return nn.functional.mse_loss(PhaseMeans(generated, period), PhaseMeans(input, period)).MoveToOuterDisposeScope();
    }

    private static Tensor PhaseMeans(Tensor images, int period)
    {
        long n = images.shape[0], c = images.shape[1], h = images.shape[2] / period, w = images.shape[3] / period;
        var cut = images[.., .., TensorIndex.Slice(0, h * period), TensorIndex.Slice(0, w * period)];
        var means = cut.reshape(n, c, h, period, w, period).mean([2, 4]);
        return means.sub(means.mean([2, 3], keepdim: true));
    }
}
