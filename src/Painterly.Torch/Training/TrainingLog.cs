using System.Globalization;

namespace Painterly.Torch.Training;

/// <summary>The run's <c>log.csv</c>: one row per step. On resume, rows after the checkpoint are dropped so no step appears twice.</summary>
internal sealed class TrainingLog : IDisposable
{
    public const string Header = "step,content,style,tv,total,images_per_second,lr,grid";
    private readonly StreamWriter writer;

    public TrainingLog(string path, long resumedStep)
    {
        Path = path;
        var kept = new List<string> { Header };
        if (resumedStep > 0 && File.Exists(path))
        {
            kept.AddRange(File.ReadLines(path).Skip(1).Where(l => long.TryParse(l.Split(',')[0], CultureInfo.InvariantCulture, out long s) && s <= resumedStep));
        }

        File.WriteAllLines(path, kept);
        writer = new StreamWriter(path, append: true);
    }

    public string Path { get; }

    public void Append(TrainingStep s) => writer.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{s.Step},{s.Content:G6},{s.Style:G6},{s.TotalVariation:G6},{s.Total:G6},{s.ImagesPerSecond:F2},{s.LearningRate:G4},{s.Grid:G6}"));

    public void Flush() => writer.Flush();

    /// <summary>Rows as (step, content, style, tv, total).</summary>
    public static List<double[]> ReadRows(string path) => [.. File.ReadLines(path).Skip(1)
        .Select(l => l.Split(','))
        .Where(f => f.Length >= 5)
        .Select(f => f.Take(5).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];

    public void Dispose() => writer.Dispose();
}
