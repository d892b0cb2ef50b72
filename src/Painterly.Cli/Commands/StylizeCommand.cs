using System.CommandLine;
using System.Diagnostics;
using Painterly.Core.Images;
using Painterly.Core.Styles;
using Painterly.Core.Stylizing;
using Painterly.Onnx;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly stylize</c>: applies a style to photos and reports how long each took.</summary>
internal static class StylizeCommand
{
    public static Command Create(IAnsiConsole console, TextWriter stderr)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Photos to stylize. Without any, Painterly renders its built-in test scene.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var style = new Option<string?>("--style", "-s")
        {
            Description = $"A built-in style name, a .safetensors model file or an exported .onnx file (default: {StyleCatalog.Default.DefaultStyle.Name}).",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Output file (one input) or folder. Default: <input>-<style>.png beside the input.",
        };
        var maxSize = new Option<int>("--max-size")
        {
            Description = "Downscale so the longest side is at most N pixels (0 = keep the size).",
        };
        var maxPixels = new Option<long>("--max-pixels")
        {
            Description = "Refuse images larger than this many pixels, before decoding them.",
            DefaultValueFactory = _ => ImageDecodeOptions.DefaultMaxPixels,
        };
        var runtime = new Option<string>("--runtime")
        {
            Description = "Inference runtime.",
            DefaultValueFactory = _ => StyleEngineFactory.Runtimes[0],
        };
        runtime.AcceptOnlyFromAmong(StyleEngineFactory.Runtimes);
        var precision = StyleEngineFactory.PrecisionOption();
        var sceneSize = new Option<int>("--scene-size")
        {
            Description = "Side of the rendered test scene used when no input is given.",
            DefaultValueFactory = _ => 512,
        };

        var tile = new Option<int>("--tile")
        {
            Description = "Stylize in tiles of N pixels (multiple of 4, at least 64) blended at their overlaps: bounded memory for large photos. Photos over 4 megapixels are tiled at 1024 without it.",
        };
        var preserveColor = new Option<bool>("--preserve-color") { Description = "Keep the photo's colours; take only the style's light and texture." };
        var strength = new Option<float>("--strength")
        {
            Description = "How much of the style to apply, 0..1.",
            DefaultValueFactory = _ => 1f,
        };

        var command = new Command("stylize", "Apply a style to photos or folders of photos (or to the built-in test scene).")
        {
            inputs, style, output, maxSize, maxPixels, runtime, precision, sceneSize, tile, preserveColor, strength,
        };
        tile.Check(t => t == 0 || (t >= 64 && t % 4 == 0), "--tile must be a multiple of 4 of at least 64 (or 0 for none).");
        strength.Check(v => v is >= 0f and <= 1f, "--strength must be between 0 and 1.");
        maxSize.Check(v => v >= 0, "--max-size must be 0 or more.");
        maxPixels.Check(v => v >= 1, "--max-pixels must be positive.");
        sceneSize.Check(v => v is >= 4 and <= 8192, "--scene-size must be 4..8192.");

        command.SetAction(parse =>
        {
            var job = new StylizeJob(
                parse.GetValue(inputs) ?? [],
                parse.GetValue(style),
                parse.GetValue(output),
                parse.GetValue(maxSize),
                new ImageDecodeOptions { MaxPixels = parse.GetValue(maxPixels) },
                parse.GetValue(runtime)!,
                parse.GetValue(precision)!,
                parse.GetValue(sceneSize),
                new StylizeOptions { TileSize = parse.GetValue(tile), PreserveColor = parse.GetValue(preserveColor), Strength = parse.GetValue(strength) });
            return Run(job, console, stderr);
        });
        return command;
    }

    private static int Run(StylizeJob job, IAnsiConsole console, TextWriter stderr)
    {
        var catalog = StyleCatalog.Default;
        string styleName = StyleLabel(job.Style, catalog);
        var items = StylizePlan.Create(job.Inputs, job.Output, styleName);

        // ONNX Runtime loads and the first picture decodes on pool threads while the model is read and exported:
        // each step is mostly single-threaded.
        if (job.Runtime == "onnx")
        {
            OnnxStylizer.BeginLoadingRuntime();
        }

        var firstPicture = Task.Run(() => Load(items[0], job));
        using var engine = StyleEngineFactory.Create(job.Runtime, job.Precision, job.Style, catalog, out _, out string network);
        var stylizer = new ImageStylizer(engine);
        console.MarkupLineInterpolated($"[grey]style[/] {TerminalText.Clean(styleName)} [grey]({network}) runtime[/] {engine.Name}");
        var summary = new StylizeSummary();
        void StylizeOne(StylizeItem item)
        {
            try
            {
                var planar = ReferenceEquals(item, items[0]) ? firstPicture.GetAwaiter().GetResult() : Load(item, job);
                var clock = Stopwatch.StartNew();
                var stylized = stylizer.Stylize(planar, job.Options);
                clock.Stop();
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(item.Output))!);
                ImageEncoder.Save(stylized, item.Output);
                summary.Succeeded(clock.Elapsed);
                console.MarkupLineInterpolated($"{TerminalText.Clean(item.Label)} -> {TerminalText.Clean(item.Output)}  [grey]{stylized.Width}x{stylized.Height}[/]  [bold]{clock.Elapsed.TotalMilliseconds:F0} ms[/]");
            }
            catch (Exception e) when (items.Count > 1 && e is ImageException or IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // One bad photo in a folder is reported and skipped; the rest still run.
                summary.Failed();
                // On stderr, like every error: a script reading the results from stdout should not get it.
                stderr.WriteLine($"failed {TerminalText.Clean(item.Label)}: {TerminalText.Clean(ErrorReporter.Describe(e).Message)}");
            }
        }

        if (items.Count > 1 && console.Profile.Capabilities.Interactive)
        {
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("stylizing", maxValue: items.Count);
                    foreach (var item in items)
                    {
                        StylizeOne(item);
                        task.Increment(1);
                    }
                });
        }
        else
        {
            foreach (var item in items)
            {
                StylizeOne(item);
            }
        }

        if (items.Count > 1)
        {
            console.MarkupLine(summary.ToString());
        }

        return summary.FailedCount > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static PlanarImage Load(StylizeItem item, StylizeJob job)
    {
        using var image = item.Input is null
            ? TestScene.Render(job.SceneSize, job.SceneSize)
            : ImageDecoder.Decode(item.Input, job.DecodeOptions);
        if (job.MaxSize <= 0 || Math.Max(image.Width, image.Height) <= job.MaxSize)
        {
            return image.ToPlanar();
        }

        using var resized = ImageResizer.FitLongestSide(image, job.MaxSize);
        return resized.ToPlanar();
    }

    private static string StyleLabel(string? style, StyleCatalog catalog) => style switch
    {
        null or "" => catalog.DefaultStyle.Name,
        _ when File.Exists(style) => Path.GetFileNameWithoutExtension(style),
        _ => style.ToLowerInvariant(),
    };

    private sealed record StylizeJob(
        string[] Inputs, string? Style, string? Output, int MaxSize, ImageDecodeOptions DecodeOptions, string Runtime, string Precision, int SceneSize, StylizeOptions Options);
}
