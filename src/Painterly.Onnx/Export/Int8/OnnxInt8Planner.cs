using Painterly.Core.Images;
using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// Decides which convolutions of a model run in int8: as many as keep the output within a PSNR floor of the
/// float32 output on the built-in test scene and its darkened, brightened and flattened copies, taking the least
/// sensitive first.
/// </summary>
/// <remarks>
/// Quantization error grows with how many layers it passes through, so the deepest residual convolutions are the
/// safest and go first, then the upsampling convolutions. The first convolution and the first two residual blocks,
/// whose errors every later layer amplifies, stay float32 (on one dark photo of 111 those two blocks alone took a
/// trained network from 52.6 to 40.9 dB, a smooth shift in the background), and so does the output convolution: ONNX Runtime's int8 kernel for its 9x9 (10x10 in
/// the polyphase form) kernel was slower than float32 here and added half a second to the first run. PSNR falls
/// as stages are added, so a binary search over how many of that list to take finds the largest prefix above the
/// floor in a few trial sessions. The floor sits 4 dB above the 40 dB the project promises because the scene is
/// only a stand-in for the photos users bring: over 111 photos the worst came out up to 2.5 dB below the scene's
/// figure (docs/performance.md).
/// </remarks>
public static class OnnxInt8Planner
{
    /// <summary>The default floor, in dB, on the worst of the calibration pictures.</summary>
    public const double DefaultMinPsnrDb = 44;

    /// <summary>Side of the calibration pictures.</summary>
    public const int CalibrationSide = 256;

    /// <summary>How many residual blocks, from the first, always stay float32.</summary>
    public const int Float32ResidualBlocks = 2;

    /// <summary>The stages that may run in int8, least sensitive first.</summary>
    public static IReadOnlyList<string> Candidates(StyleNetConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var stages = StyleNetArchitecture.Stages(config);
        var residual = stages.Where(s => ResidualBlock(s.Name) > Float32ResidualBlocks).Reverse();
        var upsampling = stages.Where(s => s.Upsample == StyleNetUpsample.Nearest).Reverse();
        return residual.Concat(upsampling).Select(s => s.Name).ToList();
    }

    /// <summary>The 1-based residual block of a stage name (<c>res3.conv1</c> gives 3), or 0 outside the blocks.</summary>
    private static int ResidualBlock(string stage) =>
        stage.StartsWith("res", StringComparison.Ordinal) && int.TryParse(stage.AsSpan(3, stage.IndexOf('.', StringComparison.Ordinal) - 3), out int block) ? block : 0;

    /// <summary>The calibration <paramref name="model"/>'s file carries for its weights, or else a new <see cref="Plan"/>.</summary>
    /// <exception cref="InvalidDataException">The stored calibration is malformed.</exception>
    public static OnnxInt8Calibration StoredOrPlanned(StyleModel model) => OnnxInt8Calibration.ReadFrom(model) ?? Plan(model);

    /// <summary>The ranges of every candidate stage on the calibration pictures, for the engine's export form; none chosen yet.</summary>
    public static OnnxInt8Calibration CalibrateCandidates(StyleModel model) => CalibrateCandidates(model, CalibrationPictures());

    /// <summary>Calibrates <paramref name="model"/> and chooses its int8 stages for the engine's export form.</summary>
    /// <param name="model">The network.</param>
    /// <param name="minPsnrDb">The floor on the worst calibration picture.</param>
    /// <returns>The calibration; its <see cref="OnnxInt8Calibration.Convs"/> is empty when no stage keeps the floor.</returns>
    public static OnnxInt8Calibration Plan(StyleModel model, double minPsnrDb = DefaultMinPsnrDb)
    {
        ArgumentNullException.ThrowIfNull(model);
        var form = OnnxStylizerOptions.Default.Export;
        var pictures = CalibrationPictures();
        var candidates = Candidates(model.Config);
        var all = CalibrateCandidates(model, pictures);

        float[][] references;
        using (var fp32 = new OnnxStylizer(model, new OnnxStylizerOptions { Export = form, Precision = OnnxPrecision.FullPrecision }))
        {
            references = [.. pictures.Select(p => fp32.Stylize(p.Data, p.Width, p.Height))];
        }

        OnnxInt8Calibration Take(int count) => new()
        {
            Convs = candidates.Take(count).ToDictionary(s => s, s => all.Convs[s], StringComparer.Ordinal),
        };

        double Measure(OnnxInt8Calibration calibration)
        {
            using var int8 = new OnnxStylizer(model, new OnnxStylizerOptions { Export = form with { Quantization = calibration } });
            return pictures.Select((p, i) => Psnr(references[i], int8.Stylize(p.Data, p.Width, p.Height))).Min();
        }

        // Largest count whose PSNR keeps the floor; PSNR only falls as stages are added.
        int low = 0, high = candidates.Count;
        double best = double.PositiveInfinity;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            double psnr = Measure(Take(middle));
            if (psnr >= minPsnrDb)
            {
                (low, best) = (middle, psnr);
            }
            else
            {
                high = middle - 1;
            }
        }

        return Take(low) with { PsnrDb = best };
    }

    private static OnnxInt8Calibration CalibrateCandidates(StyleModel model, PlanarImage[] pictures)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxInt8Calibrator.Calibrate(model, OnnxStylizerOptions.Default.Export, pictures, Candidates(model.Config));
    }

    /// <summary>
    /// The test scene as it is, darkened, brightened and flattened: photos reach activations beyond the scene's own
    /// (a dark background, a hazy sky), and a range that clips them shifts whole channels after instance norm.
    /// </summary>
    internal static PlanarImage[] CalibrationPictures()
    {
        var scene = TestScene.RenderPlanar(CalibrationSide, CalibrationSide);
        PlanarImage Mapped(Func<float, float> map) => new(scene.Width, scene.Height, [.. scene.Data.Select(map)]);
        return [scene, Mapped(v => v * 0.25f), Mapped(v => 255f - ((255f - v) * 0.25f)), Mapped(v => 128f + ((v - 128f) * 0.2f))];
    }

    /// <summary>Peak signal-to-noise ratio of <paramref name="actual"/> against <paramref name="expected"/>, on 0-255.</summary>
    public static double Psnr(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length || expected.Length == 0)
        {
            throw new ArgumentException("PSNR needs two images of the same, non-zero size.", nameof(actual));
        }

        double sum = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Clamp(expected[i], 0, 255) - Math.Clamp(actual[i], 0, 255);
            sum += d * d;
        }

        return sum == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / (sum / expected.Length));
    }
}
