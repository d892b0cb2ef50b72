using Painterly.CoreML.Specification;

namespace Painterly.Cli.Tests.Docs;

/// <summary>The guide's checks catch the mistakes an earlier version of the iOS page made (the lines below are its).</summary>
public sealed class SwiftChecksTests
{
    [Fact]
    public void Wall_clock_timing_and_a_renderer_without_format_are_mistakes()
    {
        const string swift = """
            let start = CFAbsoluteTimeGetCurrent()
            UIGraphicsImageRenderer(size: size).image { _ in image.draw(in: CGRect(origin: .zero, size: size)) }
            UIGraphicsImageRenderer(size: CGSize(width: w, height: h), format: format).image { _ in }
            """;
        var mistakes = SwiftChecks.PageMistakes(swift);
        Assert.Equal(2, mistakes.Count);
        Assert.Contains("CFAbsoluteTimeGetCurrent", mistakes[0], StringComparison.Ordinal);
        Assert.Contains("(size: size)", mistakes[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cgContext.draw(cg, in: CGRect(origin: .zero, size: size))")]
    [InlineData("guard let cg = image.cgImage else { throw CocoaError(.coderInvalidValue) }")]
    [InlineData("let ci = CIImage(image: photo)!")]
    public void Losing_the_photo_orientation_is_a_mistake(string swift) =>
        Assert.Single(SwiftChecks.OrientationMistakes(swift));

    [Fact]
    public void Drawing_the_UIImage_and_passing_an_orientation_are_not_mistakes()
    {
        const string swift = """
            photo.draw(in: CGRect(origin: .zero, size: size))
            let ci = CIImage(image: photo)?.oriented(orientation)
            let value = try MLFeatureValue(cgImage: upright, pixelsWide: 512, pixelsHigh: 512, pixelFormatType: format)
            """;
        Assert.Empty(SwiftChecks.OrientationMistakes(swift));
    }

    [Fact]
    public void Names_the_export_does_not_write_are_mistakes()
    {
        const string swift = """
            let output = try model.prediction(input: pixels)
            let constraint = model.model.modelDescription.inputDescriptionsByName["input"]
            let image = MyStyleResult(output.stylised)
            """;
        var mistakes = SwiftChecks.NameMistakes(swift, "MyStyle", ["image"], ["stylized"]);
        Assert.Contains(mistakes, m => m.Contains("MyStyleResult", StringComparison.Ordinal));
        Assert.Contains(mistakes, m => m.Contains("\"input\"", StringComparison.Ordinal));
        Assert.Contains(mistakes, m => m.Contains("never passes or looks up the input 'image'", StringComparison.Ordinal));
        Assert.Contains(mistakes, m => m.Contains("never reads the output 'stylized'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pixel_format_for_another_color_space_is_a_mistake()
    {
        Assert.Single(SwiftChecks.PixelFormatMistakes("kCVPixelFormatType_OneComponent8", ImageFeatureType.Types.ColorSpace.Rgb));
        Assert.Empty(SwiftChecks.PixelFormatMistakes("kCVPixelFormatType_32BGRA", ImageFeatureType.Types.ColorSpace.Rgb));
        Assert.Single(SwiftChecks.PixelFormatMistakes("no format named", ImageFeatureType.Types.ColorSpace.Rgb));
    }

    [Fact]
    public void A_size_the_model_does_not_accept_is_a_mistake()
    {
        var fixedSize = new ImageFeatureType { Width = 512, Height = 512 };
        var enumerated = new ImageFeatureType
        {
            Width = 512,
            Height = 512,
            EnumeratedSizes = new() { Sizes = { new ImageFeatureType.Types.ImageSize { Width = 512, Height = 384 } } },
        };
        Assert.Empty(SwiftChecks.SizeMistakes("let size = CGSize(width: 512, height: 512)", [fixedSize]));
        Assert.Single(SwiftChecks.SizeMistakes("let size = CGSize(width: 512, height: 384)", [fixedSize]));
        var range = new ImageFeatureType
        {
            Width = 256,
            Height = 256,
            ImageSizeRange = new()
            {
                WidthRange = new() { LowerBound = 256, UpperBound = 1024 },
                HeightRange = new() { LowerBound = 256, UpperBound = 1024 },
            },
        };
        Assert.Empty(SwiftChecks.SizeMistakes("CGSize(width: 500, height: 1024)", [range]));
        Assert.Single(SwiftChecks.SizeMistakes("CGSize(width: 502, height: 1024)", [range]));
        Assert.Single(SwiftChecks.SizeMistakes("CGSize(width: 500, height: 1028)", [range]));
        const string enumeratedCall = "MLFeatureValue(cgImage: c, pixelsWide: 512, pixelsHigh: 384, pixelFormatType: f)";
        Assert.Empty(SwiftChecks.SizeMistakes(enumeratedCall, [enumerated]));
    }

    [Fact]
    public void Required_versions_follow_the_newest_api()
    {
        Assert.Equal(12, SwiftChecks.RequiredIos("let c = MLModelConfiguration()").Ios);
        Assert.Equal(16, SwiftChecks.RequiredIos("let clock = ContinuousClock()").Ios);
        Assert.Equal(14, SwiftChecks.RequiredXcode("guard let buffer else { throw e }"));
        Assert.Equal(13, SwiftChecks.RequiredXcode("guard let buffer = buffer else { throw e }"));
    }
}
