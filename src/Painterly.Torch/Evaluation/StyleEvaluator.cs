using System.Diagnostics;
using Painterly.Core.Evaluation;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Stylizing;
using Painterly.Torch.Losses;
using Painterly.Torch.Networks;
using Painterly.Torch.Training;
using static TorchSharp.torch;

namespace Painterly.Torch.Evaluation;

/// <summary>
/// Runs a style over a folder of photos, each scaled to a longest side of <c>size</c>, and measures the training
/// losses (unweighted) and the art measures: closure, structure and grid peak (see docs/training.md).
/// </summary>
public static class StyleEvaluator
{
    /// <summary>Evaluates <paramref name="model"/> on the TorchSharp reference engine.</summary>
    public static EvaluationResult Evaluate(StyleModel model, string imagesFolder, string? styleImage, string lossNetwork = LossNetworkFactory.Default, int size = 512, int styleSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var engine = new TorchStylizer(model);
        return Evaluate(engine, imagesFolder, styleImage, lossNetwork, size, styleSize);
    }

    /// <summary>
    /// Evaluates the style <paramref name="engine"/> runs on every photo under <paramref name="imagesFolder"/>.
    /// <paramref name="styleImage"/> (the painting) enables the style loss and closure; photos that cannot be
    /// decoded or are too small are skipped and counted.
    /// </summary>
    public static EvaluationResult Evaluate(IStyleEngine engine, string imagesFolder, string? styleImage, string lossNetwork = LossNetworkFactory.Default, int size = 512, int styleSize = 256)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var files = new PhotoDataset(imagesFolder, size, 0).Files;
        using var loss = LossNetworkFactory.Create(lossNetwork);
        var grams = styleImage is null ? null : StyleTarget.Grams(styleImage, styleSize, loss, CPU);
        using var distance = styleImage is null ? null : new StyleDistance(styleImage, loss as ResNet18LossNetwork);
        var stylizer = new ImageStylizer(engine);
        var sums = new Sums();
        int skipped = 0;
        foreach (string file in files)
        {
            PlanarImage photo;
            try
            {
                using var decoded = ImageDecoder.Decode(file);
                var scaled = StyleDistance.ScaledSize(decoded.Width, decoded.Height, size);
                if (Math.Min(scaled.Width, scaled.Height) < loss.SizeMultiple)
                {
                    skipped++;
                    continue;
                }

                using var resized = ImageResizer.Resize(decoded, scaled.Width, scaled.Height);
                photo = resized.ToPlanar();
            }
            catch (Exception e) when (e is ImageException or IOException)
            {
                skipped++;
                continue;
            }

            var clock = Stopwatch.StartNew();
            var stylized = stylizer.Stylize(photo);
            sums.Milliseconds += clock.Elapsed.TotalMilliseconds;
            Measure(photo, stylized, loss, grams, distance, sums);
        }

        if (sums.Images == 0)
        {
            throw new InvalidDataException($"No photo under '{imagesFolder}' could be decoded ({skipped} skipped).");
        }

        int n = sums.Images;
        ArtMeasures measures = new(
            Closure: distance is null ? null : 1 - (sums.StylizedDistance / sums.PhotoDistance),
            Structure: sums.Structure / n,
            GridPeak: sums.GridPeak / n,
            PhotoGridPeak: sums.PhotoGridPeak / n,
            StyleDistance: distance is null ? null : sums.StylizedDistance / n,
            PhotoStyleDistance: distance is null ? null : sums.PhotoDistance / n);
        return new EvaluationResult(n, sums.Content / n, grams is null ? null : sums.Style / n, sums.Tv / n, sums.Milliseconds / n)
        {
            Measures = measures,
            Skipped = skipped,
        };
    }

    private static void Measure(PlanarImage photo, PlanarImage stylized, LossNetwork loss, Tensor[]? grams, StyleDistance? distance, Sums sums)
    {
        float[] photoGray = Grayscale.Of(photo), stylizedGray = Grayscale.Of(stylized);
        sums.Structure += StructureCorrelation.Of(stylizedGray, photoGray);
        sums.GridPeak += GridPeak.Of(stylizedGray, stylized.Width, stylized.Height);
        sums.PhotoGridPeak += GridPeak.Of(photoGray, photo.Width, photo.Height);
        if (distance is not null)
        {
            sums.StylizedDistance += distance.Of(stylized);
            sums.PhotoDistance += distance.Of(photo);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = StyleDistance.CropToMultiple(tensor(photo.Data, [1, 3, photo.Height, photo.Width]), loss.SizeMultiple);
        var s = StyleDistance.CropToMultiple(tensor(stylized.Data, [1, 3, stylized.Height, stylized.Width]), loss.SizeMultiple);
        var fs = loss.call(s);
        var fp = loss.call(p);
        sums.Content += StyleLosses.Content(fs[loss.ContentTap], fp[loss.ContentTap]).item<float>();
        if (grams is not null)
        {
            sums.Style += StyleLosses.Style([.. loss.StyleTaps.Select(t => fs[t])], grams).item<float>();
        }

        sums.Tv += StyleLosses.TotalVariation(s).item<float>();
        sums.Images++;
    }

    private sealed class Sums
    {
        public int Images { get; set; }

        public double Content { get; set; }

        public double Style { get; set; }

        public double Tv { get; set; }

        public double Milliseconds { get; set; }

        public double Structure { get; set; }

        public double GridPeak { get; set; }

        public double PhotoGridPeak { get; set; }

        public double StylizedDistance { get; set; }

        public double PhotoDistance { get; set; }
    }
}
