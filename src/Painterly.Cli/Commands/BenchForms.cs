using System.Diagnostics;
using System.Globalization;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Onnx;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary>
/// <c>painterly bench --forms</c>: each exported form of the network (plain, the faster equivalent forms, fp16
/// weights) timed side by side, run by run, with its PSNR against the plain fp32 output on the same picture.
/// </summary>
internal static class BenchForms
{
    private static readonly OnnxExportOptions DefaultForm = OnnxStylizerOptions.Default.Export;

    private static readonly (string Name, OnnxExportOptions Options)[] EquivalentForms =
    [
        ("plain fp32", OnnxExportOptions.Default),
        ("polyphase output", new OnnxExportOptions { PolyphaseOutputConv = true }),
        ("polyphase + subpixel (default)", DefaultForm),
        ("default + fp16 weights", DefaultForm with { Fp16Weights = true }),
    ];

    public static void Run(IAnsiConsole console, StyleModel model, IReadOnlyList<int> sides, int runs, string? photo)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("form", "size", "median ms", "vs plain", "PSNR dB");
        foreach (int side in sides)
        {
            var image = Picture(photo, side);
            var forms = EquivalentForms.Concat(Int8Forms(model)).ToArray();
            var stylizers = forms.Select(f => new OnnxStylizer(model, new OnnxStylizerOptions { Export = f.Options, Precision = OnnxPrecision.FullPrecision })).ToList();
            try
            {
                var outputs = stylizers.Select(s => s.Stylize(image.Data, side, side)).ToList(); // also the warm-up
                var times = forms.Select(_ => new List<double>()).ToList();
                for (int run = 0; run < runs; run++)
                {
                    for (int f = 0; f < forms.Length; f++)
                    {
                        var clock = Stopwatch.StartNew();
                        stylizers[f].Stylize(image.Data, side, side);
                        times[f].Add(clock.Elapsed.TotalMilliseconds);
                    }
                }

                double plain = Median(times[0]);
                for (int f = 0; f < forms.Length; f++)
                {
                    double median = Median(times[f]);
                    double psnr = OnnxInt8Planner.Psnr(outputs[0], outputs[f]);
                    table.AddRow(
                        forms[f].Name,
                        $"{side}x{side}",
                        median.ToString("F1", CultureInfo.InvariantCulture),
                        (plain / median).ToString("F2", CultureInfo.InvariantCulture) + "x",
                        double.IsPositiveInfinity(psnr) ? "identical" : psnr.ToString("F1", CultureInfo.InvariantCulture));
                }
            }
            finally
            {
                stylizers.ForEach(s => s.Dispose());
            }
        }

        console.MarkupLineInterpolated($"[grey]picture[/] {photo ?? "rendered test scene"} [grey]runs[/] {runs}");
        console.Write(table);
    }

    /// <summary>
    /// The int8 forms, calibrated on the built-in pictures only (never on the benchmark picture): the stages the
    /// planner (or the model file) chooses and, when it stops short of them, every candidate, for comparison.
    /// </summary>
    private static IEnumerable<(string Name, OnnxExportOptions Options)> Int8Forms(StyleModel model)
    {
        var planned = OnnxInt8Planner.StoredOrPlanned(model);
        yield return ($"default + int8, {planned.Convs.Count} stages (engine's auto)", DefaultForm with { Quantization = planned });
        int candidates = OnnxInt8Planner.Candidates(model.Config).Count;
        if (planned.Convs.Count < candidates)
        {
            yield return ($"default + int8, all {candidates} candidate stages", DefaultForm with { Quantization = OnnxInt8Planner.CalibrateCandidates(model) });
        }
    }

    private static PlanarImage Picture(string? photo, int side)
    {
        if (photo is null)
        {
            return TestScene.RenderPlanar(side, side);
        }

        // The centre square of the photo, at the benchmark size.
        using var bitmap = ImageDecoder.Decode(photo);
        int square = Math.Min(bitmap.Width, bitmap.Height);
        using var cropped = new SkiaSharp.SKBitmap(square, square);
        bitmap.ExtractSubset(cropped, SkiaSharp.SKRectI.Create((bitmap.Width - square) / 2, (bitmap.Height - square) / 2, square, square));
        using var resized = ImageResizer.Resize(cropped, side, side);
        return resized.ToPlanar();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
