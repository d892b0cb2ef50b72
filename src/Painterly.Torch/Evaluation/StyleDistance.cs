using Painterly.Core.Images;
using Painterly.Torch.Losses;
using Painterly.Torch.Training;
using static TorchSharp.torch;

namespace Painterly.Torch.Evaluation;

/// <summary>
/// The art measures' style distance S: the sum over the ResNet-18 taps stem, layer1, layer2 and layer3 of the mean
/// squared difference between an image's Gram matrices and the painting's (the painting at longest side 512).
/// </summary>
public sealed class StyleDistance : IDisposable
{
    /// <summary>Longest side the painting is resized to.</summary>
    public const int PaintingSide = 512;

    private readonly ResNet18LossNetwork network;
    private readonly bool ownsNetwork;
    private readonly Tensor[] paintingGrams;

    /// <summary>Computes the painting's Grams once; <paramref name="network"/> is shared when given, else loaded.</summary>
    public StyleDistance(string paintingPath, ResNet18LossNetwork? network = null)
    {
        ownsNetwork = network is null;
        this.network = network ?? ResNet18LossNetwork.Load(ResNet18File.Locate());
        using var decoded = ImageDecoder.Decode(paintingPath);
        var size = ScaledSize(decoded.Width, decoded.Height, PaintingSide);
        using var resized = ImageResizer.Resize(decoded, size.Width, size.Height);
        paintingGrams = Grams(resized.ToPlanar());
    }

    /// <summary>The size with the longest side exactly <paramref name="side"/> (up or down), aspect kept.</summary>
    public static ImageSize ScaledSize(int width, int height, int side) => width >= height
        ? new ImageSize(side, Math.Max(1, (int)Math.Round((double)height * side / width)))
        : new ImageSize(Math.Max(1, (int)Math.Round((double)width * side / height)), side);

    /// <summary>S of <paramref name="image"/>, cut at the bottom and right to multiples of 32.</summary>
    public double Of(PlanarImage image)
    {
        using var scope = NewDisposeScope();
        var grams = Grams(image);
        double sum = 0;
        for (int i = 0; i < grams.Length; i++)
        {
            sum += grams[i].sub(paintingGrams[i]).square().mean().item<float>();
        }

        return sum;
    }

    /// <summary>Cuts an NCHW image at the bottom and right to sides that are multiples of <paramref name="multiple"/>.</summary>
    /// <exception cref="InvalidDataException">A side is shorter than <paramref name="multiple"/>.</exception>
    public static Tensor CropToMultiple(Tensor image, int multiple)
    {
        long h = image.shape[2] / multiple * multiple, w = image.shape[3] / multiple * multiple;
        if (h == 0 || w == 0)
        {
            throw new InvalidDataException($"The image is {image.shape[3]}x{image.shape[2]}; the measures need at least {multiple}x{multiple}.");
        }

        return image[.., .., TensorIndex.Slice(0, h), TensorIndex.Slice(0, w)];
    }

    private Tensor[] Grams(PlanarImage image)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = CropToMultiple(tensor(image.Data, [1, 3, image.Height, image.Width]), network.SizeMultiple);
        var taps = network.call(input);
        return [.. taps.Select(t => StyleLosses.Gram(t).MoveToOuterDisposeScope())];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var g in paintingGrams)
        {
            g.Dispose();
        }

        if (ownsNetwork)
        {
            network.Dispose();
        }
    }
}
