using Painterly.Core.Images;
using Painterly.CoreML.Specification;
using ColorSpace = Painterly.CoreML.Specification.ImageFeatureType.Types.ColorSpace;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// Turns an RGB image into the input blob Core ML would make: size checked against the feature (fixed, enumerated
/// or range), channels in the feature's colour space order, then the scaler y = channelScale * x + bias.
/// </summary>
internal static class ImageInput
{
    public static Blob ToBlob(PlanarImage image, FeatureDescription feature, NeuralNetworkPreprocessing? preprocessing)
    {
        var type = feature.Type ?? throw new InvalidDataException($"Input '{feature.Name}' has no type.");
        switch (type.TypeCase)
        {
            case FeatureType.TypeOneofCase.ImageType:
                CheckSize(feature.Name, type.ImageType, image.Width, image.Height);
                var blob = Ordered(image, feature.Name, type.ImageType.ColorSpace);
                return preprocessing?.Scaler is { } scaler ? Scale(blob, scaler, type.ImageType.ColorSpace) : blob;
            case FeatureType.TypeOneofCase.MultiArrayType:
                // A multiArray input is fed as is: [3, H, W] (leading 1s allowed), RGB, no preprocessing.
                var shape = type.MultiArrayType.Shape.SkipWhile(d => d == 1).ToList();
                if (shape.Count > 0 && shape[0] != PlanarImage.Channels)
                {
                    throw new NotSupportedException($"Input '{feature.Name}' is a multiArray [{string.Join(", ", type.MultiArrayType.Shape)}]; this interpreter feeds [3, H, W] arrays only.");
                }

                return new Blob(PlanarImage.Channels, image.Height, image.Width, (float[])image.Data.Clone());
            default:
                throw new NotSupportedException($"Input '{feature.Name}' is neither an image nor a multiArray.");
        }
    }

    private static void CheckSize(string name, ImageFeatureType type, int width, int height)
    {
        bool ok = type.SizeFlexibilityCase switch
        {
            ImageFeatureType.SizeFlexibilityOneofCase.EnumeratedSizes =>
                type.EnumeratedSizes.Sizes.Any(s => s.Width == (ulong)width && s.Height == (ulong)height),
            ImageFeatureType.SizeFlexibilityOneofCase.ImageSizeRange =>
                InRange(type.ImageSizeRange.WidthRange, width) && InRange(type.ImageSizeRange.HeightRange, height),
            _ => type.Width == width && type.Height == height,
        };
        if (!ok)
        {
            throw new ArgumentException($"Input '{name}' does not accept a {width}x{height} image (the model takes {Accepted(type)}).");
        }
    }

    private static bool InRange(SizeRange? range, int side) =>
        range is not null && (ulong)side >= range.LowerBound && (range.UpperBound < 0 || side <= range.UpperBound);

    private static string Accepted(ImageFeatureType type) => type.SizeFlexibilityCase switch
    {
        ImageFeatureType.SizeFlexibilityOneofCase.EnumeratedSizes => string.Join(", ", type.EnumeratedSizes.Sizes.Select(s => $"{s.Width}x{s.Height}")),
        ImageFeatureType.SizeFlexibilityOneofCase.ImageSizeRange => $"widths {type.ImageSizeRange.WidthRange?.LowerBound}..{type.ImageSizeRange.WidthRange?.UpperBound}, heights {type.ImageSizeRange.HeightRange?.LowerBound}..{type.ImageSizeRange.HeightRange?.UpperBound}",
        _ => $"{type.Width}x{type.Height}",
    };

    private static Blob Ordered(PlanarImage image, string name, ColorSpace colorSpace)
    {
        var data = (float[])image.Data.Clone();
        if (colorSpace == ColorSpace.Bgr)
        {
            ChannelOrder.SwapRedBlue(data, image.PixelCount);
        }
        else if (colorSpace != ColorSpace.Rgb)
        {
            throw new NotSupportedException($"Input '{name}' has colour space {colorSpace}; this interpreter feeds RGB and BGR images.");
        }

        return new Blob(PlanarImage.Channels, image.Height, image.Width, data);
    }

    private static Blob Scale(Blob blob, NeuralNetworkImageScaler scaler, ColorSpace colorSpace)
    {
        // Channel 0 is red for RGB and blue for BGR.
        float[] biases = colorSpace == ColorSpace.Bgr
            ? [scaler.BlueBias, scaler.GreenBias, scaler.RedBias]
            : [scaler.RedBias, scaler.GreenBias, scaler.BlueBias];
        for (int c = 0; c < blob.Channels; c++)
        {
            var plane = blob.Channel(c);
            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = (scaler.ChannelScale * plane[i]) + biases[c];
            }
        }

        return blob;
    }
}
