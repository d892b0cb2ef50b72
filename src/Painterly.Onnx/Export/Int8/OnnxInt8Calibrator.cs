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
    /// <summary>
    /// Calibrates the convolutions of <paramref name="scope"/> for an export with <paramref name="options"/>
    /// (its <see cref="OnnxExportOptions.Quantization"/> is ignored) and returns those options with the calibration set.
    /// </summary>
    /// <param name="model">The network.</param>
    /// <param name="options">The export form to quantize (node names differ between forms).</param>
    /// <param name="images">Representative images, e.g. a few photos; each side a multiple of 4.</param>
    /// <param name="scope">Which convolutions to quantize.</param>
    /// <param name="percentile">Per image, clip each range to this percentile at both ends (100 keeps min and max).</param>
    public static OnnxExportOptions Calibrate(StyleModel model, OnnxExportOptions options, IEnumerable<PlanarImage> images, OnnxInt8Scope scope, double percentile = 100)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 50);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);

        var fp32 = options with { Quantization = null, FixedSize = null, PixelIO = false };
        byte[] bytes = OnnxExporter.Export(model, fp32);
        var convs = OnnxModelReader.Parse(bytes, "export").Graph.Node
            .Where(n => n.OpType == "Conv" && (scope == OnnxInt8Scope.AllConvs || n.Name.StartsWith("res", StringComparison.Ordinal)))
            .Select(n => (n.Name, Input: n.Input[0], Output: n.Output[0]))
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

        return options with
        {
            Quantization = new OnnxInt8Calibration
            {
                Convs = convs.ToDictionary(c => c.Name, c => new OnnxConvRanges(ranges[c.Input], ranges[c.Output]), StringComparer.Ordinal),
            },
        };
    }

    private static OnnxValueRange Range(ReadOnlySpan<float> values, double percentile)
    {
        if (percentile >= 100)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (float v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            return new OnnxValueRange(min, max);
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        int tail = (int)Math.Floor(sorted.Length * (100 - percentile) / 100);
        return new OnnxValueRange(sorted[tail], sorted[sorted.Length - 1 - tail]);
    }
}
