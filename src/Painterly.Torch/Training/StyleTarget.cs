using Painterly.Core.Images;
using Painterly.Torch.Losses;
using static TorchSharp.torch;

namespace Painterly.Torch.Training;

/// <summary>The style image's Gram matrices at the style taps, computed once.</summary>
internal static class StyleTarget
{
    /// <summary>Decodes the style image, fits its longest side to <paramref name="styleSize"/> (sides cut down to the network's multiple) and returns [1, C, C] Grams.</summary>
    public static Tensor[] Grams(string stylePath, int styleSize, LossNetwork network, Device device)
    {
        if (!File.Exists(stylePath))
        {
            throw new FileNotFoundException($"Style image '{stylePath}' does not exist.", stylePath);
        }

        using var decoded = ImageDecoder.Decode(stylePath);
        using var resized = ImageResizer.FitLongestSide(decoded, styleSize);
        var planar = resized.ToPlanar();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var image = CenterCrop(tensor(planar.Data, [1, 3, planar.Height, planar.Width]), network.SizeMultiple).to(device);
        var taps = network.call(image);
        return [.. network.StyleTaps.Select(t => StyleLosses.Gram(taps[t]).MoveToOuterDisposeScope())];
    }

    /// <summary>Cuts the sides of an NCHW image down to multiples of <paramref name="multiple"/>, keeping the centre.</summary>
    public static Tensor CenterCrop(Tensor image, int multiple)
    {
        long h = image.shape[2], w = image.shape[3];
        long ch = Math.Max(multiple, h / multiple * multiple), cw = Math.Max(multiple, w / multiple * multiple);
        if (ch > h || cw > w)
        {
            throw new InvalidDataException($"The image is {w}x{h}; the loss network needs at least {multiple}x{multiple}.");
        }

        long top = (h - ch) / 2, left = (w - cw) / 2;
        return image[.., .., TensorIndex.Slice(top, top + ch), TensorIndex.Slice(left, left + cw)];
    }
}
