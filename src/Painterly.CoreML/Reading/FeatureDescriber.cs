using System.Globalization;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Reading;

/// <summary>Summarises a model input or output.</summary>
internal static class FeatureDescriber
{
    public static CoreMLFeatureSummary Describe(FeatureDescription feature)
    {
        var type = feature.Type;
        string optional = type?.IsOptional == true ? ", optional" : string.Empty;
        return type?.TypeCase switch
        {
            FeatureType.TypeOneofCase.ImageType => new(feature.Name, "image", Image(type.ImageType) + optional, feature.ShortDescription),
            FeatureType.TypeOneofCase.MultiArrayType => new(feature.Name, "multiArray", Array(type.MultiArrayType) + optional, feature.ShortDescription),
            _ => new(feature.Name, "unsupported", "a feature type outside image and multiArray", feature.ShortDescription),
        };
    }

    private static string Image(ImageFeatureType image)
    {
        string text = $"{image.Width}x{image.Height} {image.ColorSpace.ToString().ToUpperInvariant()}";
        return image.SizeFlexibilityCase switch
        {
            ImageFeatureType.SizeFlexibilityOneofCase.EnumeratedSizes =>
                $"{text}, enumerated sizes {string.Join(", ", image.EnumeratedSizes.Sizes.Select(s => $"{s.Width}x{s.Height}"))}",
            ImageFeatureType.SizeFlexibilityOneofCase.ImageSizeRange =>
                $"{text}, size range width {Range(image.ImageSizeRange.WidthRange)} height {Range(image.ImageSizeRange.HeightRange)}",
            _ => $"{text}, fixed size",
        };
    }

    private static string Range(SizeRange? range) => range is null
        ? "unset"
        : $"{range.LowerBound}..{(range.UpperBound < 0 ? "unbounded" : range.UpperBound.ToString(CultureInfo.InvariantCulture))}";

    private static string Array(ArrayFeatureType array)
    {
        string text = $"[{string.Join(", ", array.Shape)}] {array.DataType.ToString().ToUpperInvariant()}";
        return array.ShapeFlexibilityCase switch
        {
            ArrayFeatureType.ShapeFlexibilityOneofCase.EnumeratedShapes =>
                $"{text}, enumerated shapes {string.Join(", ", array.EnumeratedShapes.Shapes.Select(s => $"[{string.Join(", ", s.Shape_)}]"))}",
            ArrayFeatureType.ShapeFlexibilityOneofCase.ShapeRange =>
                $"{text}, shape range {string.Join(" x ", array.ShapeRange.SizeRanges.Select(Range))}",
            _ => text,
        };
    }
}
