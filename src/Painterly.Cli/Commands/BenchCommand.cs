using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Styles;
using Painterly.Core.Stylizing;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary>
/// <c>painterly bench</c>: times the engine (session run) and the whole in-memory pipeline (bitmap in, bitmap
/// out) per size, interleaved run by run, and reports throughput and peak memory.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var sizes = new Option<string>("--sizes") { Description = "Square sizes to time, comma-separated.", DefaultValueFactory = _ => "256,512,1024" };
        var style = new Option<string?>("--style", "-s") { Description = "A built-in style name or a .safetensors model file." };
        var runtime = new Option<string>("--runtime") { Description = "Inference runtime.", DefaultValueFactory = _ => "onnx" };
        runtime.AcceptOnlyFromAmong(StyleEngineFactory.Runtimes);
        var precision = StyleEngineFactory.PrecisionOption();
        var runs = new Option<int>("--runs") { Description = "Timed runs per size (the median is reported).", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs per size first.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines instead of a table." };
        var forms = new Option<bool>("--forms") { Description = "Compare the exported forms of the network (plain, faster equivalents, fp16 weights): speed and PSNR." };
        var photo = new Option<string?>("--photo") { Description = "With --forms: measure on this photo (centre square) instead of the test scene." };
        runs.Check(v => v is >= 1 and <= 1000, "--runs must be 1..1000.");
        warmup.Check(v => v is >= 0 and <= 100, "--warmup must be 0..100.");
        var command = new Command("bench", "Measure stylizing speed and memory on this machine.") { sizes, style, runtime, precision, runs, warmup, json, forms, photo };
        command.SetAction(parse =>
        {
            var sides = ParseSizes(parse.GetValue(sizes)!);
            if (parse.GetValue(forms))
            {
                BenchForms.Run(console, StyleCatalog.Default.Resolve(parse.GetValue(style)), sides, parse.GetValue(runs), parse.GetValue(photo));
                return ExitCodes.Success;
            }

            using var engine = StyleEngineFactory.Create(parse.GetValue(runtime)!, parse.GetValue(precision)!, parse.GetValue(style), StyleCatalog.Default, out var config, out string network);
            var results = sides.Select(side => Measure(engine, config, side, parse.GetValue(runs), parse.GetValue(warmup))).ToList();
            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { runtime = engine.Name, network, threads = Environment.ProcessorCount, results }, JsonOptions));
            }
            else
            {
                Render(console, engine.Name, network, results);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static int[] ParseSizes(string text)
    {
        var sides = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int side) || side < ImageSize.MinSide || side > 8192 || side % 4 != 0)
            {
                throw new UserException($"--sizes: '{part}' is not a side of {ImageSize.MinSide}..8192 that is a multiple of 4.", ExitCodes.Usage);
            }

            sides.Add(side);
        }

        return sides.Count > 0 ? [.. sides] : throw new UserException("--sizes is empty.", ExitCodes.Usage);
    }

    private static BenchResult Measure(IStyleEngine engine, StyleNetConfig? config, int side, int runs, int warmup)
    {
        using var bitmap = TestScene.Render(side, side);
        var planar = bitmap.ToPlanar();
        var stylizer = new ImageStylizer(engine);
        void Engine() => engine.Stylize(planar.Data, side, side);
        void Pipeline()
        {
            using var result = stylizer.Stylize(bitmap.ToPlanar()).ToBitmap();
        }

        for (int i = 0; i < warmup; i++)
        {
            Engine();
            Pipeline();
        }

        var engineMs = new List<double>();
        var pipelineMs = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            // Interleaved, so that drift in the machine's speed affects both equally.
            engineMs.Add(Time(Engine));
            pipelineMs.Add(Time(Pipeline));
        }

        double engineMedian = Median(engineMs), pipelineMedian = Median(pipelineMs);
        double megapixels = side * (double)side / 1e6;
        double? gflops = config is null ? null : StyleNetArchitecture.Flops(config, side, side) / 1e9;
        return new BenchResult(
            side,
            Math.Round(engineMedian, 1),
            Math.Round(engineMs.Min(), 1),
            Math.Round(megapixels / (engineMedian / 1000), 3),
            gflops is { } g ? Math.Round(g / (engineMedian / 1000), 1) : null,
            Math.Round(pipelineMedian, 1),
            Math.Round(100 * (pipelineMedian - engineMedian) / engineMedian, 1),
            Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024));
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void Render(IAnsiConsole console, string runtime, string network, IReadOnlyList<BenchResult> results)
    {
        console.MarkupLineInterpolated($"[grey]runtime[/] {runtime} [grey]network[/] {network} [grey]cores[/] {Environment.ProcessorCount}");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("size", "median ms", "min ms", "MP/s", "GFLOP/s", "pipeline ms", "pre/post %", "peak MB");
        foreach (var r in results)
        {
            table.AddRow(
                $"{r.Size}x{r.Size}",
                Format(r.EngineMedianMs),
                Format(r.EngineMinMs),
                r.MegapixelsPerSecond.ToString("F2", CultureInfo.InvariantCulture),
                r.GflopsPerSecond is { } g ? Format(g) : "-",
                Format(r.PipelineMedianMs),
                r.PrePostOverheadPercent.ToString("F1", CultureInfo.InvariantCulture),
                r.PeakRssMb.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }

    private static string Format(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record BenchResult(
        int Size,
        double EngineMedianMs,
        double EngineMinMs,
        double MegapixelsPerSecond,
        double? GflopsPerSecond,
        double PipelineMedianMs,
        double PrePostOverheadPercent,
        long PeakRssMb);
}
