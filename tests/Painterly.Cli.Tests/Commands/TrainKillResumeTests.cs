using System.Diagnostics;
using Painterly.Core.Images;
using Painterly.Core.Models;

namespace Painterly.Cli.Tests.Commands;

/// <summary>
/// A training process killed outright (SIGKILL: no handler runs) after a checkpoint resumes with
/// <c>train --resume &lt;folder&gt;</c> alone and ends with exactly the weights of a run that was never interrupted.
/// </summary>
public class TrainKillResumeTests
{
    private const int Steps = 40;

    [Fact]
    public void AKilledRunResumesToTheSameWeightsAsAStraightRun()
    {
        using var temp = new TempFolder();
        string data = temp.File("photos");
        for (int i = 0; i < 3; i++)
        {
            Save(TestScene.RenderPlanar(64 + (8 * i), 64), Path.Combine(data, $"p{i}.png"));
        }

        string style = temp.File("style.png");
        Save(TestScene.RenderPlanar(48, 64), style);
        string[] Train(string run) => ["train", "--style", style, "--data", data, "-o", run, "--preset", "mobile", "--steps", $"{Steps}",
            "--batch-size", "2", "--image-size", "32", "--style-size", "64", "--sample-every", "1000", "--checkpoint-every", "5"];

        string straight = temp.File("straight"), killed = temp.File("killed");
        var (code, _, error) = CliProcess.Run(Train(straight));
        Assert.True(code == 0, error);

        using (var process = CliProcess.Start(Train(killed)))
        {
            string first = Path.Combine(killed, "checkpoints", "step-000005.safetensors");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(first) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(5);
            }

            Assert.True(File.Exists(first), "no checkpoint appeared");
            Assert.False(process.HasExited, "the run ended before it could be killed");
            process.Kill();
            process.WaitForExit();
            Assert.NotEqual(0, process.ExitCode);
        }

        Assert.False(File.Exists(Path.Combine(killed, "model.safetensors")));
        var (resumedCode, output, resumedError) = CliProcess.Run("train", "--resume", killed);
        Assert.True(resumedCode == 0, resumedError);
        Assert.Matches(@"resumed from \S*step-0000\d\d\.safetensors at step \d+", output);

        var log = File.ReadAllLines(Path.Combine(killed, "log.csv")).Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, Steps), log);
        var a = StyleModelFile.Load(Path.Combine(straight, "model.safetensors"));
        var b = StyleModelFile.Load(Path.Combine(killed, "model.safetensors"));
        Assert.Equal(Steps, b.Info.Steps);
        foreach (var (name, tensor) in a.Weights)
        {
            Assert.True(tensor.Data.AsSpan().SequenceEqual(b.Weights[name].Data), $"{name} differs from the straight run");
        }
    }

    private static void Save(PlanarImage image, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageEncoder.Save(image, path);
    }
}
