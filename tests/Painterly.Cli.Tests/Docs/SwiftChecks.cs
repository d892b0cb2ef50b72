using System.Globalization;
using System.Text.RegularExpressions;
using Painterly.CoreML.Specification;

namespace Painterly.Cli.Tests.Docs;

/// <summary>
/// What can be checked of a page's Swift on Linux, without Apple's SDK: the mistakes the iOS guide warns about, the
/// generated names and pixel format against a real export, and the iOS and Xcode versions the APIs need. Plain text
/// matching: it reads the page as a reviewer would, it does not parse Swift.
/// </summary>
internal static partial class SwiftChecks
{
    /// <summary>
    /// APIs the guide may use and the iOS that first has them, from Apple's documentation pages (availability).
    /// Swift concurrency (actors, async) runs from iOS 13 when built with Xcode 13.2 or later.
    /// </summary>
    private static readonly (Regex Pattern, string Api, int Ios)[] Availability =
    [
        (new(@"\bPhotosPicker\b"), "PhotosPicker", 16),
        (new(@"\bloadTransferable\("), "PhotosPickerItem.loadTransferable", 16),
        (new(@"\bContinuousClock\b"), "ContinuousClock", 16),
        (new(@"\bDuration\b"), "Duration", 16),
        (new(@"\bawait\s+\w+\.load\(configuration:"), "the generated async load(configuration:)", 15),
        (new(@"\.task\(id:"), "task(id:)", 15),
        (new(@"\bPHPickerViewController\b"), "PHPickerViewController", 14),
        (new(@"\bUTType\b"), "UTType", 14),
        (new(@"\bMLFeatureValue\(\s*cgImage:"), "MLFeatureValue(cgImage:...)", 13),
        (new(@"\bactor\b|\bawait\b|@MainActor"), "Swift concurrency", 13),
        (new(@"\bMLModelConfiguration\b"), "MLModelConfiguration", 12),
        (new(@"\bsizeConstraint\b|\bMLImageSize\b"), "MLImageSizeConstraint", 12),
        (new(@"\bpreferredRange\b"), "UIGraphicsImageRendererFormat.preferredRange", 12),
        (new(@"\bVNCoreMLRequest\b"), "VNCoreMLRequest", 11),
        (new(@"\bMLImageConstraint\b"), "MLImageConstraint", 11),
    ];

    /// <summary>The newest iOS among the APIs <paramref name="swift"/> uses, and which APIs need it.</summary>
    public static (int Ios, IReadOnlyList<string> Apis) RequiredIos(string swift)
    {
        var used = Availability.Where(a => a.Pattern.IsMatch(swift)).ToList();
        int ios = used.Count == 0 ? 11 : used.Max(a => a.Ios);
        return (ios, [.. used.Where(a => a.Ios == ios).Select(a => a.Api)]);
    }

    /// <summary>
    /// The oldest Xcode that compiles <paramref name="swift"/>: 14 for the iOS 16 SDK or Swift 5.7's
    /// <c>if let x</c> / <c>guard let x else</c> shorthand, else 13 (Swift concurrency).
    /// </summary>
    public static int RequiredXcode(string swift) =>
        OptionalShorthand().IsMatch(swift) || RequiredIos(swift).Ios >= 16 ? 14 : 13;

    /// <summary>
    /// The memory and clock mistakes anywhere on the page: an image renderer made without a format (it uses the
    /// screen's scale, so a size in pixels gets 3x3 as many), and the wall clock for timing.
    /// </summary>
    public static IReadOnlyList<string> PageMistakes(string text)
    {
        var mistakes = new List<string>();
        if (text.Contains("CFAbsoluteTimeGetCurrent", StringComparison.Ordinal))
        {
            mistakes.Add("CFAbsoluteTimeGetCurrent is the wall clock; time with ContinuousClock or CACurrentMediaTime");
        }

        const string renderer = "UIGraphicsImageRenderer(";
        for (int at = text.IndexOf(renderer, StringComparison.Ordinal); at >= 0;
             at = text.IndexOf(renderer, at + 1, StringComparison.Ordinal))
        {
            string arguments = Arguments(text, at + renderer.Length);
            if (!arguments.Contains("format:", StringComparison.Ordinal))
            {
                mistakes.Add($"UIGraphicsImageRenderer({arguments}) has no format: it renders at the screen's scale");
            }
        }

        return mistakes;
    }

    /// <summary>The orientation mistakes in one Swift block.</summary>
    public static IReadOnlyList<string> OrientationMistakes(string swift)
    {
        var mistakes = new List<string>();
        mistakes.AddRange(CgImageRead().Matches(swift).Select(m =>
            $"'{Line(swift, m.Index)}' reads UIImage.cgImage, which drops imageOrientation"));
        mistakes.AddRange(CgContextImageDraw().Matches(swift).Select(m =>
            $"'{Line(swift, m.Index)}' draws a CGImage into a CGContext, which ignores the photo's orientation"));
        if (swift.Contains("CIImage(image:", StringComparison.Ordinal) && !swift.Contains(".oriented(", StringComparison.Ordinal))
        {
            mistakes.Add("CIImage(image:) does not apply the UIImage's orientation and nothing calls .oriented(...)");
        }

        return mistakes;
    }

    /// <summary>
    /// Names in <paramref name="swift"/> that the export does not write: generated classes other than
    /// <paramref name="className"/>, <c>Input</c> and <c>Output</c>, features looked up or passed by another name,
    /// and features of the model the Swift never uses.
    /// </summary>
    public static IReadOnlyList<string> NameMistakes(
        string swift, string className, IReadOnlyCollection<string> inputs, IReadOnlyCollection<string> outputs)
    {
        var mistakes = new List<string>();
        if (!Regex.IsMatch(swift, $@"\b{className}\b"))
        {
            mistakes.Add($"the Swift never uses the generated class {className}");
        }

        foreach (Match m in Regex.Matches(swift, $@"\b{className}(\w+)"))
        {
            if (m.Groups[1].Value is not ("Input" or "Output"))
            {
                mistakes.Add($"{m.Value}: Xcode generates {className}, {className}Input and {className}Output");
            }
        }

        var features = inputs.Concat(outputs).ToHashSet(StringComparer.Ordinal);
        void Expect(Regex pattern, IReadOnlyCollection<string> allowed, string what)
        {
            foreach (Match m in pattern.Matches(swift).Where(m => !allowed.Contains(m.Groups[1].Value)))
            {
                mistakes.Add($"'{m.Value}' names {what} '{m.Groups[1].Value}'; the export has {string.Join(", ", allowed)}");
            }
        }

        Expect(InputLookup(), inputs, "an input");
        Expect(OutputLookup(), outputs, "an output");
        Expect(FeatureLookup(), features, "a feature");
        Expect(PredictionLabel(), [.. inputs, "input", "from"], "an input");
        foreach (string input in inputs.Where(i => !Regex.IsMatch(swift, $@"\bprediction\({i}:|ByName\[""{i}""\]")))
        {
            mistakes.Add($"the Swift never passes or looks up the input '{input}'");
        }

        foreach (string output in outputs.Where(o => !Regex.IsMatch(swift, $@"\.{o}\b")))
        {
            mistakes.Add($"the Swift never reads the output '{output}' (the generated property .{output})");
        }

        return mistakes;
    }

    /// <summary>
    /// Literal image sizes in <paramref name="swift"/> (<c>width: 512, height: 384</c>, <c>pixelsWide: ..., pixelsHigh:
    /// ...</c>) that none of <paramref name="images"/> accepts (the default size, an enumerated size or one in a
    /// range), or whose sides are not multiples of 4 (the network halves the resolution twice).
    /// </summary>
    public static IReadOnlyList<string> SizeMistakes(string swift, IReadOnlyCollection<ImageFeatureType> images)
    {
        bool Accepted(ulong width, ulong height) => width % 4 == 0 && height % 4 == 0 && images.Any(i =>
            ((ulong)i.Width == width && (ulong)i.Height == height)
            || (i.EnumeratedSizes?.Sizes.Any(s => s.Width == width && s.Height == height) ?? false)
            || (i.ImageSizeRange is { } r && Within(width, r.WidthRange) && Within(height, r.HeightRange)));

        static ulong Side(Group g) => ulong.Parse(g.Value, CultureInfo.InvariantCulture);
        return [.. LiteralSize().Matches(swift)
            .Where(m => !Accepted(Side(m.Groups[1]), Side(m.Groups[2])))
            .Select(m => $"'{m.Value}' is not a size the exported models accept, or a side is not a multiple of 4")];
    }

    /// <summary>
    /// Pixel formats the page names that Core ML does not take for an image of <paramref name="colorSpace"/>:
    /// 32BGRA or 32ARGB for colour, OneComponent8 for grayscale (Apple's MLFeatureValue documentation).
    /// </summary>
    public static IReadOnlyList<string> PixelFormatMistakes(string text, ImageFeatureType.Types.ColorSpace colorSpace)
    {
        string[] allowed = colorSpace == ImageFeatureType.Types.ColorSpace.Grayscale ? ["OneComponent8"] : ["32BGRA", "32ARGB"];
        var named = PixelFormat().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        return named.Count == 0
            ? [$"the page names no pixel format; a {colorSpace} image takes {string.Join(" or ", allowed)}"]
            : [.. named.Where(n => !allowed.Contains(n)).Select(n => $"kCVPixelFormatType_{n} is not a format for a {colorSpace} image")];
    }

    private static bool Within(ulong side, SizeRange range) =>
        side >= range.LowerBound && (range.UpperBound < 0 || side <= (ulong)range.UpperBound);

    // The text between the parenthesis at `start` - 1 and its match.
    private static string Arguments(string text, int start)
    {
        int depth = 1, i = start;
        for (; i < text.Length && depth > 0; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
        }

        return text[start..Math.Max(start, i - 1)];
    }

    private static string Line(string text, int index)
    {
        int start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        int end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)].Trim();
    }

    [GeneratedRegex(@"\b(?:if|guard)\s+let\s+\w+\s*(?:\{|else\b|,)")]
    private static partial Regex OptionalShorthand();

    [GeneratedRegex(@"\.cgImage\b")]
    private static partial Regex CgImageRead();

    // CGContext.draw(_ image: CGImage, in: CGRect); UIImage's own draw(in:) has no first argument.
    [GeneratedRegex(@"\.draw\(\s*[A-Za-z_][\w.!?]*\s*,\s*in:")]
    private static partial Regex CgContextImageDraw();

    [GeneratedRegex(@"inputDescriptionsByName\[""(\w+)""\]")]
    private static partial Regex InputLookup();

    [GeneratedRegex(@"outputDescriptionsByName\[""(\w+)""\]")]
    private static partial Regex OutputLookup();

    [GeneratedRegex(@"featureValue\(for:\s*""(\w+)""\)")]
    private static partial Regex FeatureLookup();

    [GeneratedRegex(@"\bprediction\((\w+):")]
    private static partial Regex PredictionLabel();

    [GeneratedRegex(@"\b(?:width|pixelsWide):\s*(\d+)\s*,\s*(?:height|pixelsHigh):\s*(\d+)")]
    private static partial Regex LiteralSize();

    [GeneratedRegex(@"kCVPixelFormatType_(\w+)")]
    private static partial Regex PixelFormat();
}
