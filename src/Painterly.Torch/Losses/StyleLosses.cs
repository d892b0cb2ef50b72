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
}
