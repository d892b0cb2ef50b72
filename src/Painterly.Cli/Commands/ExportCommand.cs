using System.CommandLine;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Styles;
using Painterly.Onnx;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly export</c>: writes a style model as a file an app can run (ONNX).</summary>
internal static class ExportCommand
{
    private static readonly string[] Formats = ["onnx", "safetensors"];

    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("model") { Description = "A built-in style name or a .safetensors model file." };
        var format = new Option<string>("--format", "-f") { Description = "Target format.", Required = true };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Output file (default: <model>.<format> here)." };
        var size = new Option<string?>("--size") { Description = "Fix the image size, WIDTHxHEIGHT (multiples of 4). Default: any size." };
        var fp16 = new Option<bool>("--fp16") { Description = "Store the weights as float16 (half the file; computation stays float32)." };
        var pixels = new Option<bool>("--pixels") { Description = "uint8 RGBA [1,H,W,4] in and out, for browsers and apps that hand over pixels." };
        var command = new Command("export", "Export a style model: ONNX for ONNX Runtime and browsers, or its .safetensors model file.")
        {
            model, format, output, size, fp16, pixels,
        };
        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!;
            var styleModel = StyleCatalog.Default.Resolve(name);
            var options = new OnnxExportOptions
            {
                FixedSize = ParseSize(parse.GetValue(size)),
                Fp16Weights = parse.GetValue(fp16),
                PixelIO = parse.GetValue(pixels),
            };
            string target = parse.GetValue(output) ?? $"{Path.GetFileNameWithoutExtension(name)}.{parse.GetValue(format)}";
            string details;
            if (parse.GetValue(format) == "safetensors")
            {
                // The model file itself, e.g. of a built-in style, for PyTorch or another tool.
                StyleModelFile.Save(target, styleModel, options.Fp16Weights);
                details = options.Fp16Weights ? "fp16 weights" : "fp32 weights";
            }
            else
            {
                OnnxExporter.ExportToFile(styleModel, target, options);
                details = Describe(options);
            }

            console.MarkupLineInterpolated($"{name} -> {target}  [grey]{new FileInfo(target).Length / 1024.0 / 1024.0:F2} MB, {details}[/]");
            return ExitCodes.Success;
        });
        return command;
    }

    private static ImageSize? ParseSize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return ImageSize.Parse(text).Validate("--size");
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UserException($"--size {text}: sides must be multiples of 4 of at least {ImageSize.MinSide}, as WIDTHxHEIGHT (e.g. 512x512).", ExitCodes.Usage);
        }
    }

    private static string Describe(OnnxExportOptions options) => string.Join(", ", new[]
    {
        options.FixedSize is { } s ? $"{s}" : "any size",
        options.PixelIO ? "uint8 RGBA in/out" : "float32 RGB 0-255 in/out",
        options.Fp16Weights ? "fp16 weights" : "fp32 weights",
    });
}
