using System.Globalization;
using Painterly.Core.Models;

namespace Painterly.Torch.Training;

/// <summary>
/// A checkpoint: StyleNet weights (<c>net.*</c>), Adam moments (<c>adam.m.*</c>, <c>adam.v.*</c>) and the step in one
/// safetensors file, written atomically. The data position and every random draw derive from (seed, step).
/// </summary>
internal static class TrainingCheckpoint
{
    private const string StepKey = "step";
    private const string AdamStepKey = "adam_step";
    private const string FilePrefix = "step-";

    public static string PathFor(string folder, long step) =>
        Path.Combine(folder, $"{FilePrefix}{step.ToString("D6", CultureInfo.InvariantCulture)}.safetensors");

    public static void Write(string folder, long step, StyleModel weights, AdamOptimizer adam, int keep = 2)
    {
        Directory.CreateDirectory(folder);
        var metadata = new Dictionary<string, string>
        {
            [StepKey] = step.ToString(CultureInfo.InvariantCulture),
            [AdamStepKey] = adam.StepCount.ToString(CultureInfo.InvariantCulture),
        };
        var tensors = weights.Weights.Select(w => ($"net.{w.Key}", w.Value)).Concat(adam.State());
        SafetensorsWriter.Write(PathFor(folder, step), metadata, tensors);
        foreach (string old in Directory.GetFiles(folder, $"{FilePrefix}*.safetensors").Order(StringComparer.Ordinal).SkipLast(keep))
        {
            File.Delete(old);
        }
    }

    /// <summary>
    /// The newest checkpoint in <paramref name="folder"/> that reads whole, or null when there is none. One cut short
    /// (the machine died while the disk had not yet got it all) is reported to <paramref name="skipped"/> and the
    /// one before it is used.
    /// </summary>
    public static (string Path, (long Step, long AdamStep, Dictionary<string, FloatTensor> Net, Dictionary<string, FloatTensor> Adam) State)? ReadNewestGood(
        string folder, Action<string> skipped)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        foreach (string path in Directory.GetFiles(folder, $"{FilePrefix}*.safetensors").OrderDescending(StringComparer.Ordinal))
        {
            try
            {
                return (path, Read(path));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or KeyNotFoundException or FormatException or OverflowException)
            {
                skipped($"checkpoint {path} is unreadable ({e.Message}); trying the one before it");
            }
        }

        return null;
    }

    public static (long Step, long AdamStep, Dictionary<string, FloatTensor> Net, Dictionary<string, FloatTensor> Adam) Read(string path)
    {
        using var file = SafetensorsFile.Open(path);
        long step = long.Parse(file.Metadata[StepKey], CultureInfo.InvariantCulture);
        long adamStep = long.Parse(file.Metadata[AdamStepKey], CultureInfo.InvariantCulture);
        var net = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        var adam = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        foreach (var info in file.Tensors)
        {
            if (info.Name.StartsWith("net.", StringComparison.Ordinal))
            {
                net[info.Name["net.".Length..]] = file.ReadFloat32(info.Name);
            }
            else
            {
                adam[info.Name] = file.ReadFloat32(info.Name);
            }
        }

        return (step, adamStep, net, adam);
    }
}
