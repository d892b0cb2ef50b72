using Microsoft.ML.OnnxRuntime;
using Painterly.Core.Images;
using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// Measures the activation ranges an int8 export needs by running the float32 export on sample images with
/// every convolution's input and output exposed as graph outputs.
/// </summary>
public static class OnnxInt8Calibrator
{
    /// <summary>The default clipping: outliers rarer than this (in percent, at each end) saturate.</summary>
    public const double DefaultPercentile = 99.99;

    private const int HistogramBins = 4096;

    /// <summary>
    /// Calibrates the convolutions of <paramref name="stages"/> for an export with <paramref name="options"/> (its
    /// <see cref="OnnxExportOptions.Quantization"/> is ignored) and returns those options with the calibration set.
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="options">The export form to quantize.</param>
    /// <param name="images">Representative images, e.g. a few photos; each side a multiple of 4.</param>
    /// <param name="stages">Names of the stages to calibrate (e.g. <c>res1.conv1</c>).</param>
    /// <param name="percentile">Per image, clip each range to this percentile at both ends (100 keeps min and max).</param>
    public static OnnxInt8Calibration Calibrate(StyleModel model, OnnxExportOptions options, IEnumerable<PlanarImage> images, IEnumerable<string> stages, double percentile = DefaultPercentile)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 50);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);

        var fp32 = options with { Quantization = null, FixedSize = null, PixelIO = false };
        byte[] bytes = OnnxExporter.Export(model, fp32);
        // Node names are the stage's path plus a suffix (res1/conv1/conv, deconv1/phase01/conv): map them back.
        var prefixes = stages.ToDictionary(s => s.Replace('.', '/') + "/", s => s, StringComparer.Ordinal);
        var convs = OnnxModelReader.Parse(bytes, "export").Graph.Node
            .Where(n => n.OpType == "Conv")
            .Select(n => (Stage: prefixes.FirstOrDefault(p => n.Name.StartsWith(p.Key, StringComparison.Ordinal)).Value, Input: n.Input[0], Output: n.Output[0]))
            .Where(c => c.Stage is not null)
            .ToList();
        var probed = convs.SelectMany(c => new[] { c.Input, c.Output }).Distinct(StringComparer.Ordinal).ToArray();
        var ranges = new Dictionary<string, OnnxValueRange>(StringComparer.Ordinal);

        using var session = OnnxSessionFactory.Create(OnnxGraphEditor.WithOutputs(bytes, probed), OnnxStylizerOptions.Default, []);
        using var runOptions = new RunOptions();
        foreach (var image in images)
        {
            new ImageSize(image.Width, image.Height).Validate(nameof(images));
            using var input = OrtValue.CreateTensorValueFromMemory(image.Data, [1, 3, image.Height, image.Width]);
            using var results = session.Run(runOptions, [OnnxExporter.InputName], [input], probed);
            for (int i = 0; i < probed.Length; i++)
            {
                var range = Range(results[i].GetTensorDataAsSpan<float>(), percentile);
                ranges[probed[i]] = ranges.TryGetValue(probed[i], out var seen) ? seen.Union(range) : range;
            }
        }

        if (ranges.Count == 0 && probed.Length > 0)
        {
            throw new ArgumentException("Calibration needs at least one image.", nameof(images));
        }

        // A stage computed by several convolutions (phases) takes the union of their ranges.
        var byStage = new Dictionary<string, OnnxConvRanges>(StringComparer.Ordinal);
        foreach (var (stage, input, output) in convs)
        {
            var found = new OnnxConvRanges(ranges[input], ranges[output]);
            byStage[stage!] = byStage.TryGetValue(stage!, out var seen) ? new(seen.Input.Union(found.Input), seen.Output.Union(found.Output)) : found;
        }

        return new OnnxInt8Calibration { Convs = byStage };
    }

    /// <summary>The range between the two percentiles, located with a histogram (one pass to bound, one to count).</summary>
    internal static OnnxValueRange Range(ReadOnlySpan<float> values, double percentile)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        long tail = (long)Math.Floor(values.Length * (100 - percentile) / 100);
        if (tail == 0 || !(max > min))
        {
            return new OnnxValueRange(min, max);
        }

        var counts = new long[HistogramBins];
        double width = (max - (double)min) / HistogramBins;
        foreach (float v in values)
        {
            counts[Math.Min((int)((v - min) / width), HistogramBins - 1)]++;
        }

        int low = 0, high = HistogramBins - 1;
        for (long below = counts[0]; below <= tail && low < high; below += counts[++low])
        {
        }

        for (long above = counts[HistogramBins - 1]; above <= tail && high > low; above += counts[--high])
        {
        }

        // Keep the whole bin that holds each percentile: clipping is never tighter than asked.
        return new OnnxValueRange((float)(min + (low * width)), (float)(min + ((high + 1) * width)));
    }
}
