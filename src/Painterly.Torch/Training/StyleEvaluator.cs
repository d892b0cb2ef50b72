using System.Diagnostics;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Torch.Losses;
using Painterly.Torch.Networks;
using static TorchSharp.torch;

namespace Painterly.Torch.Training;

/// <summary>Mean losses of a trained model over a folder of photos.</summary>
/// <param name="Images">Photos evaluated.</param>
/// <param name="Content">Mean unweighted content loss (stylized vs photo).</param>
/// <param name="Style">Mean unweighted style loss, or null without a style image.</param>
/// <param name="TotalVariation">Mean total variation of the stylized photos (0-255 pixels).</param>
/// <param name="MillisecondsPerImage">Mean stylizing time per photo.</param>
public sealed record EvaluationResult(int Images, double Content, double? Style, double TotalVariation, double MillisecondsPerImage);

/// <summary>Runs a model over photos and measures the training losses, unweighted.</summary>
public static class StyleEvaluator
{
    /// <summary>Evaluates <paramref name="model"/> on every photo under <paramref name="imagesFolder"/>, resized to fit <paramref name="size"/>.</summary>
    public static EvaluationResult Evaluate(StyleModel model, string imagesFolder, string? styleImage, string lossNetwork = LossNetworkFactory.Default, int size = 256, int styleSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        var files = new PhotoDataset(imagesFolder, size, 0).Files;
        using var loss = LossNetworkFactory.Create(lossNetwork);
        var grams = styleImage is null ? null : StyleTarget.Grams(styleImage, styleSize, loss, CPU);
        using var net = StyleNetWeights.ToModule(model);
        net.eval();
        double content = 0, style = 0, tv = 0, ms = 0;
        int count = 0;
        foreach (string file in files)
        {
            PlanarImage planar;
            try
            {
                using var decoded = ImageDecoder.Decode(file);
                using var resized = ImageResizer.FitLongestSide(decoded, size);
                planar = resized.ToPlanar();
            }
            catch (Exception e) when (e is ImageException or IOException)
            {
                continue;
            }

            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var photo = StyleTarget.CenterCrop(tensor(planar.Data, [1, 3, planar.Height, planar.Width]), loss.SizeMultiple);
            var clock = Stopwatch.StartNew();
            var stylized = net.call(photo).clamp(0, 255);
            clock.Stop();
            var fs = loss.call(stylized);
            var fp = loss.call(photo);
            content += StyleLosses.Content(fs[loss.ContentTap], fp[loss.ContentTap]).item<float>();
            if (grams is not null)
            {
                style += StyleLosses.Style([.. loss.StyleTaps.Select(t => fs[t])], grams).item<float>();
            }

            tv += StyleLosses.TotalVariation(stylized).item<float>();
            ms += clock.Elapsed.TotalMilliseconds;
            count++;
        }

        if (count == 0)
        {
            throw new InvalidDataException($"No photo under '{imagesFolder}' could be decoded.");
        }

        return new EvaluationResult(count, content / count, grams is null ? null : style / count, tv / count, ms / count);
    }
}
