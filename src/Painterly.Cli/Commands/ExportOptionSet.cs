using System.CommandLine;
using System.Globalization;
using Painterly.Core.Images;
using Painterly.CoreML;
using Painterly.CoreML.MlProgram;
using Painterly.Onnx;

namespace Painterly.Cli.Commands;

/// <summary>What export options a command line gave, read once for every target format.</summary>
internal sealed record ExportSettings(
    string Format,
    ImageSize? Size,
    bool Fp16,
    bool Pixels,
    IReadOnlyList<CoreMLImageSize>? Sizes,
    CoreMLSizeRange? SizeRange,
    int? MinimumIos,
    bool Int8 = false,
    bool Fp32 = false,
    bool Verify = false,
    double? VerifyThreshold = null)
{
    public OnnxExportOptions Onnx => new() { FixedSize = Size, Fp16Weights = Fp16, PixelIO = Pixels };

    public CoreMLExportOptions CoreML => new()
    {
        Size = Size is { } s ? new CoreMLImageSize(s.Width, s.Height) : null,
        EnumeratedSizes = Sizes,
        SizeRange = SizeRange,
        Fp16 = Fp16,
        MinimumIos = MinimumIos ?? 11,
    };

    public MlProgramExportOptions MlProgram => new()
    {
        Size = Size is { } s ? new CoreMLImageSize(s.Width, s.Height) : null,
        EnumeratedSizes = Sizes,
        SizeRange = SizeRange,
        Fp32 = Fp32,
        MinimumIos = MinimumIos ?? 15,
    };
}

/// <summary>
/// The export options shared by <c>export</c> and <c>convert</c>: size (or Core ML's enumerated sizes / size range),
/// fp16 weights, ONNX pixel I/O and Core ML's minimum iOS. Options that do not apply to a format are usage errors.
/// </summary>
internal sealed class ExportOptionSet
{
    public Option<string?> Size { get; } = new("--size") { Description = "Image size WIDTHxHEIGHT (multiples of 4). ONNX default: any size; Core ML default: 512x512." };

    public Option<string?> Sizes { get; } = new("--sizes") { Description = "Core ML only: the sizes the model accepts, WxH,WxH,... (enumerated; iOS 12)." };

    public Option<string?> SizeRange { get; } = new("--size-range") { Description = "Core ML only: a range of sides, MIN..MAX, for width and height (iOS 12)." };

    public Option<bool> Fp16 { get; } = new("--fp16") { Description = "Store the weights as float16 (half the file); the default for mlpackage." };

    public Option<bool> Fp32 { get; } = new("--fp32") { Description = "mlpackage only: float32 weights and compute (no Neural Engine) instead of float16." };

    public Option<bool> Pixels { get; } = new("--pixels") { Description = "ONNX only: uint8 RGBA [1,H,W,4] in and out, for browsers and apps that hand over pixels." };

    public Option<bool> Int8 { get; } = new("--int8")
    {
        Description = "safetensors: store an int8 calibration in the model file (ONNX Runtime then runs the calibrated convolutions in int8); " +
            "onnx: int8 convolutions in QDQ form, for ONNX Runtime.",
    };

    public Option<int?> MinimumIos { get; } = new("--min-ios") { Description = "Core ML only: the oldest iOS to run on; coreml 11-14 (13 allows a Clip layer), mlpackage 15-18 (the opset)." };

    public Option<bool> Verify { get; } = new("--verify")
    {
        Description = "After writing, run the file in an independent runtime on the test scene and compare with the source; exit 1 above the threshold.",
    };

    public Option<double?> VerifyThreshold { get; } = new("--verify-threshold")
    {
        Description = "Largest difference --verify accepts, in levels of 255 (default: 1 for float32, 3 for float16, 48 for int8).",
    };

    private IEnumerable<Option> All => [Size, Sizes, SizeRange, Fp16, Fp32, Pixels, Int8, MinimumIos, Verify, VerifyThreshold];

    /// <summary>Adds every export option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    public ExportSettings Read(ParseResult parse, string format)
    {
        string? sizes = parse.GetValue(Sizes), range = parse.GetValue(SizeRange);
        int? ios = parse.GetValue(MinimumIos);
        bool pixels = parse.GetValue(Pixels);
        bool coreML = format is "coreml" or "mlpackage";
        if (!coreML && (sizes ?? range ?? (object?)ios) is not null)
        {
            throw new UserException($"--sizes, --size-range and --min-ios are Core ML options; {format} files take one --size (or none).", ExitCodes.Usage);
        }

        if (format != "onnx" && pixels)
        {
            throw new UserException($"--pixels is an ONNX option; {format} models take images as they are.", ExitCodes.Usage);
        }

        bool int8 = parse.GetValue(Int8);
        if (coreML && int8)
        {
            throw new UserException("--int8 is for ONNX Runtime: give --format onnx or safetensors.", ExitCodes.Usage);
        }

        bool fp32 = parse.GetValue(Fp32);
        if (fp32 && format != "mlpackage")
        {
            throw new UserException($"--fp32 is an mlpackage option ({format} weights are float32 unless --fp16).", ExitCodes.Usage);
        }

        if (ios is { } v && format == "coreml" && v is < 11 or > 14)
        {
            throw new UserException($"--min-ios {v}: give 11, 12, 13 or 14 for an .mlmodel (15 and later: --format mlpackage).", ExitCodes.Usage);
        }

        if (ios is { } m && format == "mlpackage" && m is < 15 or > 18)
        {
            throw new UserException($"--min-ios {m}: an ML Program needs 15, 16, 17 or 18 (older iOS: --format coreml).", ExitCodes.Usage);
        }

        var settings = new ExportSettings(
            format,
            ParseSize(parse.GetValue(Size), "--size"),
            parse.GetValue(Fp16),
            pixels,
            sizes is null ? null : [.. sizes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => ToCoreML(ParseSize(s, "--sizes")!.Value))],
            range is null ? null : ParseRange(range),
            ios,
            int8,
            fp32,
            parse.GetValue(Verify),
            parse.GetValue(VerifyThreshold));
        if (settings.VerifyThreshold is { } threshold && (!settings.Verify || !(threshold >= 0)))
        {
            throw new UserException("--verify-threshold needs --verify and a number of levels of at least 0 (e.g. 2.5).", ExitCodes.Usage);
        }

        if (coreML)
        {
            try
            {
                if (format == "coreml")
                {
                    settings.CoreML.Validate();
                }
                else
                {
                    settings.MlProgram.Validate();
                }
            }
            catch (ArgumentException e)
            {
                throw new UserException(e.Message, ExitCodes.Usage);
            }
        }

        return settings;
    }

    private static CoreMLImageSize ToCoreML(ImageSize size) => new(size.Width, size.Height);

    /// <summary>Largest side an exported model may fix: larger inputs would not fit a device's memory anyway.</summary>
    private const int MaxSide = 16384;

    private static ImageSize? ParseSize(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            var size = ImageSize.Parse(text).Validate(option);
            return size.Width <= MaxSide && size.Height <= MaxSide ? size : throw new ArgumentException("too large", option);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UserException($"{option} {text}: sides must be multiples of 4 from {ImageSize.MinSide} to {MaxSide}, as WIDTHxHEIGHT (e.g. 512x512).", ExitCodes.Usage);
        }
    }

    private static CoreMLSizeRange ParseRange(string text)
    {
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int min)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int max)
            && min >= ImageSize.MinSide && min % 4 == 0 && max % 4 == 0 && max >= min && max <= MaxSide)
        {
            return new CoreMLSizeRange(min, max);
        }

        throw new UserException($"--size-range {text}: give MIN..MAX, multiples of 4 with {ImageSize.MinSide} <= MIN <= MAX (e.g. 256..1024).", ExitCodes.Usage);
    }
}
