using Painterly.Core.Images;
using static TorchSharp.torch;

namespace Painterly.Torch.Painting;

/// <summary>Image plumbing of a painting: decode and size exactly, pad to the loss network's multiple, tensors and back.</summary>
internal static class PaintImages
{
    /// <summary>The image at <paramref name="path"/> resized (up or down) so its longest side is <paramref name="side"/>, aspect kept.</summary>
    public static PlanarImage LoadFitted(string path, int side, string role)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{role} image '{path}' does not exist.", path);
        }

        using var decoded = ImageDecoder.Decode(path);
        var (width, height) = Fit(decoded.Width, decoded.Height, side);
        using var resized = ImageResizer.Resize(decoded, width, height);
        return resized.ToPlanar();
    }

    /// <summary>The size with the longest side exactly <paramref name="side"/> and the aspect ratio kept, each side at least 1.</summary>
    public static (int Width, int Height) Fit(int width, int height, int side)
    {
        double scale = (double)side / Math.Max(width, height);
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>A [1, 3, H, W] tensor of <paramref name="image"/> reflect-padded on the right and bottom to multiples of <paramref name="multiple"/>.</summary>
    public static Tensor ToPaddedTensor(PlanarImage image, int multiple)
    {
        var padded = ReflectPadding.PadToMultiple(image, multiple);
        return tensor(padded.Data, [1, 3, padded.Height, padded.Width]);
    }

    /// <summary>The top-left <paramref name="width"/> x <paramref name="height"/> of a [1, 3, H, W] tensor as an image.</summary>
    public static PlanarImage Crop(Tensor image, int width, int height)
    {
        using var scope = NewDisposeScope();
        var valid = image.detach()[.., .., TensorIndex.Slice(0, height), TensorIndex.Slice(0, width)].cpu().contiguous();
        return new PlanarImage(width, height, valid.data<float>().ToArray());
    }

    /// <summary>The valid region of <paramref name="image"/> resized (bilinear) to the next scale and padded again.</summary>
    public static Tensor Upscale(Tensor image, (int Width, int Height) from, (int Width, int Height) to, int multiple)
    {
        using var scope = NewDisposeScope();
        var valid = image.detach()[.., .., TensorIndex.Slice(0, from.Height), TensorIndex.Slice(0, from.Width)];
        var resized = nn.functional.interpolate(valid, [to.Height, to.Width], mode: InterpolationMode.Bilinear, align_corners: false).clamp(0, 255).contiguous();
        var planar = new PlanarImage(to.Width, to.Height, resized.data<float>().ToArray());
        return ToPaddedTensor(planar, multiple).MoveToOuterDisposeScope();
    }
}
