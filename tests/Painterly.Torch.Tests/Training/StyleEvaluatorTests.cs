using Painterly.Core.Models;
using Painterly.Torch.Evaluation;
using Painterly.Torch.Training;

namespace Painterly.Torch.Tests.Training;

public sealed class StyleEvaluatorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("painterly-eval-").FullName;

    [Fact]
    public void StyleLossIsLowerAfterTraining()
    {
        string data = Path.Combine(folder, "photos");
        StyleTrainerTests.WritePhotos(data, 4);
        string style = Path.Combine(folder, "style.png");
        StyleTrainerTests.WritePhoto(style, 99, 64, 64);
        var options = new TrainingOptions
        {
            StyleImage = style, DataFolder = data, RunFolder = Path.Combine(folder, "run"), Steps = 60, BatchSize = 2,
            ImageSize = 32, StyleSize = 64, Network = new StyleNetConfig(8, 1), CheckpointEvery = 0, SampleEvery = 0, LearningRate = 1e-2, Seed = 3,
        };
        TorchSharp.torch.manual_seed(3);
        using var untrainedNet = new Painterly.Torch.Networks.StyleNet(options.Network);
        var untrained = Painterly.Torch.Networks.StyleNetWeights.ToStyleModel(untrainedNet);
        var trained = StyleModelFile.Load(new StyleTrainer(options).Run().ModelPath!);

        var before = StyleEvaluator.Evaluate(untrained, data, style, size: 64, styleSize: 64);
        var after = StyleEvaluator.Evaluate(trained, data, style, size: 64, styleSize: 64);
        Assert.Equal(4, after.Images);
        Assert.True(after.Style < before.Style, $"style loss before {before.Style}, after {after.Style}");
        Assert.True(after.MillisecondsPerImage > 0);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
