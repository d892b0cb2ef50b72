using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Writing;

/// <summary>Image feature descriptions with the size (and size flexibility) of the export options.</summary>
internal static class ImageFeatures
{
    public static FeatureDescription Rgb(string name, string description, CoreMLExportOptions options)
    {
        var size = options.DefaultSize;
        var image = new ImageFeatureType
        {
            Width = size.Width,
            Height = size.Height,
            ColorSpace = ImageFeatureType.Types.ColorSpace.Rgb,
        };
        if (options.EnumeratedSizes is { } sizes)
        {
            var enumerated = new ImageFeatureType.Types.EnumeratedImageSizes();
            foreach (var s in sizes)
            {
                enumerated.Sizes.Add(new ImageFeatureType.Types.ImageSize { Width = (ulong)s.Width, Height = (ulong)s.Height });
            }

            image.EnumeratedSizes = enumerated;
        }
        else if (options.SizeRange is { } range)
        {
            image.ImageSizeRange = new ImageFeatureType.Types.ImageSizeRange
            {
                WidthRange = new SizeRange { LowerBound = (ulong)range.Min, UpperBound = range.Max },
                HeightRange = new SizeRange { LowerBound = (ulong)range.Min, UpperBound = range.Max },
            };
        }

        return new FeatureDescription
        {
            Name = name,
            ShortDescription = description,
            Type = new FeatureType { ImageType = image },
        };
    }
}
