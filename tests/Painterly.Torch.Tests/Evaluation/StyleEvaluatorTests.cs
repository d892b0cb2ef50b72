using Painterly.Core.Models;
using Painterly.Torch.Evaluation;
using Painterly.Torch.Tests.Training;
using Painterly.Torch.Training;

namespace Painterly.Torch.Tests.Evaluation;

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
        var m = after.Measures!;
        Assert.Equal(1 - (m.StyleDistance!.Value / m.PhotoStyleDistance!.Value), m.Closure!.Value, 9);
        Assert.NotEqual(before.Measures!.StyleDistance, m.StyleDistance);
        Assert.InRange(m.Structure, -1, 1);
        Assert.True(m.GridPeak > 0 && m.PhotoGridPeak > 0);
        Assert.True(after.MillisecondsPerImage > 0);
    }

    [Fact]
    public void The_painting_is_at_distance_zero_from_itself()
    {
        string painting = Path.Combine(folder, "painting.png");
        StyleTrainerTests.WritePhoto(painting, 7, 600, 400);
        using var distance = new StyleDistance(painting);
        var size = StyleDistance.ScaledSize(600, 400, StyleDistance.PaintingSide);
        Assert.Equal(new Painterly.Core.Images.ImageSize(512, 341), size);
        using var decoded = Painterly.Core.Images.ImageDecoder.Decode(painting);
        using var resized = Painterly.Core.Images.ImageResizer.Resize(decoded, size.Width, size.Height);
        Assert.Equal(0, distance.Of(Painterly.Core.Images.PlanarImageBitmapExtensions.ToPlanar(resized)), 12);

        string other = Path.Combine(folder, "other.png");
        StyleTrainerTests.WritePhoto(other, 8, 512, 341);
        using var otherImage = Painterly.Core.Images.ImageDecoder.Decode(other);
        Assert.True(distance.Of(Painterly.Core.Images.PlanarImageBitmapExtensions.ToPlanar(otherImage)) > 1e-9);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
