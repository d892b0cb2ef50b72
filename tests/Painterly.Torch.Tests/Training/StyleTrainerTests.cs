using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Torch.Training;
using SkiaSharp;

namespace Painterly.Torch.Tests.Training;

public sealed class StyleTrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("painterly-train-").FullName;

    [Fact]
    public void TotalLossFallsAndTheRunFolderIsComplete()
    {
        var options = Options("falls", steps: 40) with { SampleEvery = 20, CheckpointEvery = 20 };
        var losses = new List<double>();
        var trainer = new StyleTrainer(options);
        trainer.StepCompleted += s => losses.Add(s.Total);
        var result = trainer.Run();

        Assert.Equal(40, losses.Count);
        Assert.True(losses.TakeLast(5).Average() < losses.Take(5).Average(), $"first {losses.Take(5).Average()}, last {losses.TakeLast(5).Average()}");
        foreach (string file in new[] { "config.json", "log.csv", "loss.png", "model.safetensors", "samples/step-000020.jpg", "samples/step-000040.jpg" })
        {
            Assert.True(File.Exists(Path.Combine(options.RunFolder, file)), file);
        }

        Assert.Equal(41, File.ReadAllLines(Path.Combine(options.RunFolder, "log.csv")).Length);
        var model = StyleModelFile.Load(result.ModelPath!);
        Assert.Equal(40, model.Info.Steps);
        Assert.Equal("style", model.Info.StyleName);
        Assert.Contains("\"imageSize\": 32", model.Info.Training, StringComparison.Ordinal);
        Assert.DoesNotContain(folder, model.Info.Training, StringComparison.Ordinal);
        Assert.Contains("\"styleImage\": \"style.png\"", model.Info.Training, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoRunsWithTheSameSeedGiveTheSameWeights()
    {
        // With oneDNN's AVX-512 kernels on Zen 4 (see OneDnnIsaLimit) runs differed and skipped non-finite steps.
        Assert.Equal("AVX2", Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"));
        var runs = new[] { "same-a", "same-b", "same-c" }.Select(name =>
        {
            var skipped = new List<string>();
            var trainer = new StyleTrainer(Options(name, steps: 4));
            trainer.Message += m => skipped.AddRange(m.Contains("not finite", StringComparison.Ordinal) ? [m] : []);
            var model = StyleModelFile.Load(trainer.Run().ModelPath!);
            Assert.Empty(skipped);
            return model;
        }).ToList();
        foreach (var (name, tensor) in runs[0].Weights)
        {
            foreach (var other in runs.Skip(1))
            {
                Assert.True(tensor.Data.AsSpan().SequenceEqual(other.Weights[name].Data), $"{name} differs between runs");
            }
        }
    }

    [Fact]
    public void ResumingGivesBitIdenticalWeights()
    {
        var straight = Options("straight", steps: 6);
        new StyleTrainer(straight).Run();

        var first = Options("resumed", steps: 3);
        new StyleTrainer(first).Run();
        var second = first with { Steps = 6 };
        new StyleTrainer(second).Run();

        var a = StyleModelFile.Load(Path.Combine(straight.RunFolder, "model.safetensors"));
        var b = StyleModelFile.Load(Path.Combine(second.RunFolder, "model.safetensors"));
        foreach (var (name, tensor) in a.Weights)
        {
            Assert.True(tensor.Data.AsSpan().SequenceEqual(b.Weights[name].Data), $"{name} differs after resume");
        }
    }

    [Fact]
    public void ResumingContinuesFromTheCheckpointRatherThanRestarting()
    {
        // A restart with the same seed reproduces a straight run, so the test above cannot tell a resume from a
        // restart. Here the second half runs with another seed (new data order and jitter from step 3 on): a restart
        // with that seed would give exactly the fresh run's weights; a resume carries the first half's weights,
        // Adam moments and step count, so it differs from the fresh run, and its log continues the first.
        var first = Options("resume-other-seed", steps: 3);
        new StyleTrainer(first).Run();
        var saved = TrainingCheckpoint.ReadNewestGood(Path.Combine(first.RunFolder, "checkpoints"), _ => { })!.Value.State;
        Assert.Equal((3L, 3L), (saved.Step, saved.AdamStep));
        Assert.Contains(saved.Adam.Values, t => t.Data.Any(v => v != 0));

        var messages = new List<string>();
        var steps = new List<long>();
        var resumed = new StyleTrainer(first with { Steps = 6, Seed = 8 });
        resumed.Message += messages.Add;
        resumed.StepCompleted += s => steps.Add(s.Step);
        var result = resumed.Run();
        var fresh = new StyleTrainer(Options("fresh-other-seed", steps: 6) with { Seed = 8 }).Run();

        Assert.Equal([4L, 5, 6], steps);
        Assert.Contains(messages, m => m.StartsWith("resumed from ", StringComparison.Ordinal) && m.EndsWith(" at step 3", StringComparison.Ordinal));
        Assert.Equal(6, result.StepsCompleted);
        var log = File.ReadAllLines(Path.Combine(first.RunFolder, "log.csv")).Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([1L, 2, 3, 4, 5, 6], log);
        var a = StyleModelFile.Load(result.ModelPath!);
        var b = StyleModelFile.Load(fresh.ModelPath!);
        Assert.Equal(6L, a.Info.Steps);
        Assert.Contains(a.Weights, w => !w.Value.Data.AsSpan().SequenceEqual(b.Weights[w.Key].Data));
    }

    [Fact]
    public void TruncatedNewestCheckpointFallsBackToThePreviousOne()
    {
        var first = Options("cut", steps: 3) with { CheckpointEvery = 1 };
        new StyleTrainer(first).Run();
        string newest = Path.Combine(first.RunFolder, "checkpoints", "step-000003.safetensors");
        byte[] bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length / 2)]);

        var messages = new List<string>();
        var trainer = new StyleTrainer(first with { Steps = 4 });
        trainer.Message += messages.Add;
        var result = trainer.Run();

        Assert.Equal(4, result.StepsCompleted);
        Assert.Contains(messages, m => m.Contains("step-000003", StringComparison.Ordinal) && m.Contains("unreadable", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("resumed from", StringComparison.Ordinal) && m.Contains("step-000002", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mobile_student_moves_towards_its_teacher()
    {
        // The teacher: a classic network with a visible output; the student: the mobile form, distilled from it
        // with the distance alone (the other terms would pull elsewhere on these tiny photos).
        string teacher = Path.Combine(folder, "teacher.safetensors");
        StyleModelFile.Save(teacher, SeededStyleModel.Create(new StyleNetConfig(8, 1), 5));
        var options = Options("student", steps: 40) with { Network = new StyleNetConfig(8, 1, Form: StyleNetForm.Mobile), Teacher = teacher, GridWeight = 0, StyleWeight = 0, TvWeight = 0 };
        var distances = new List<double>();
        var trainer = new StyleTrainer(options);
        trainer.StepCompleted += s => distances.Add(s.Content);
        var result = trainer.Run();

        Assert.Equal(40, distances.Count);
        Assert.True(distances.TakeLast(5).Average() < 0.85 * distances.Take(5).Average(), $"first {distances.Take(5).Average()}, last {distances.TakeLast(5).Average()}");
        var student = StyleModelFile.Load(result.ModelPath!);
        Assert.Equal(StyleNetForm.Mobile, student.Config.Form);
        Assert.Contains("\"teacher\": \"teacher.safetensors\"", student.Info.Training, StringComparison.Ordinal);
    }

    private TrainingOptions Options(string run, int steps)
    {
        string data = Path.Combine(folder, "photos");
        if (!Directory.Exists(data))
        {
            WritePhotos(data, 5);
            WritePhoto(Path.Combine(folder, "style.png"), 99, 48, 40);
        }

        return new TrainingOptions
        {
            StyleImage = Path.Combine(folder, "style.png"),
            DataFolder = data,
            RunFolder = Path.Combine(folder, run),
            Steps = steps,
            BatchSize = 2,
            ImageSize = 32,
            StyleSize = 64,
            Network = new StyleNetConfig(8, 1),
            CheckpointEvery = 0,
            SampleEvery = 0,
            LearningRate = 1e-2,
            Seed = 7,
        };
    }

    /// <summary>Tiny synthetic photos: gradients and stripes of different colours, in a nested folder.</summary>
    internal static void WritePhotos(string data, int count)
    {
        for (int i = 0; i < count; i++)
        {
            WritePhoto(Path.Combine(data, i % 2 == 0 ? "a" : "b", $"photo{i}.png"), i, 40 + (i * 4), 36);
        }

        File.WriteAllText(Path.Combine(data, "broken.jpg"), "not a jpeg");
    }

    internal static void WritePhoto(string path, int seed, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var image = new PlanarImage(width, height);
        var random = new Random(seed);
        for (int c = 0; c < 3; c++)
        {
            double phase = random.NextDouble() * 6, frequency = 0.1 + (random.NextDouble() * 0.5);
            for (int y = 0; y < height; y++)
            {
                var row = image.Row(c, y);
                for (int x = 0; x < width; x++)
                {
                    row[x] = (float)(127.5 + (120 * Math.Sin(phase + (frequency * (x + (seed % 3 * y))))));
                }
            }
        }

        using SKBitmap bitmap = image.ToBitmap();
        ImageEncoder.Save(bitmap, path);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
