using Painterly.Core.Models;
using Painterly.Torch.Losses;
using static TorchSharp.torch;

namespace Painterly.Torch.Tests.Losses;

public sealed class VggLossNetworkTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("painterly-vgg-").FullName;

    [Fact]
    public void LoadsRandomTorchvisionWeightsAndTapsThePytorchExamplesLayers()
    {
        string path = Path.Combine(folder, "vgg16.safetensors");
        WriteRandomVgg16(path);
        using var scope = NewDisposeScope();
        using var net = LossNetworkFactory.Create($"vgg16:{path}");
        Assert.Equal(["relu1_2", "relu2_2", "relu3_3", "relu4_3"], net.TapNames);
        var taps = net.call(rand(1, 3, 16, 24).mul_(255));
        Assert.Equal([1L, 64, 16, 24], taps[0].shape);
        Assert.Equal([1L, 128, 8, 12], taps[1].shape);
        Assert.Equal([1L, 256, 4, 6], taps[2].shape);
        Assert.Equal([1L, 512, 2, 3], taps[3].shape);
        Assert.All(taps, t => Assert.True(t.min().item<float>() >= 0));
        Assert.Equal(1e10, net.DefaultWeights.Style);
    }

    [Theory]
    [InlineData("vgg16")]
    [InlineData("vgg19")]
    public void TapsMatchTorchvision(string kind)
    {
        // PyTorch's taps for the same hashed weights and input (tools/python/make_torch_network_fixtures.py).
        string path = Path.Combine(folder, $"{kind}.safetensors");
        VggFixtureWeights.Write(path, kind);
        using var scope = NewDisposeScope();
        using var net = LossNetworkFactory.Create($"{kind}:{path}");
        var taps = net.call(tensor(VggFixtureWeights.Input(), [1, 3, VggFixtureWeights.Height, VggFixtureWeights.Width]));
        float[] expected = TorchFixtures.Floats($"{kind}-taps.f32");
        int offset = 0;
        foreach (var (tap, name) in taps.Zip(net.TapNames))
        {
            float[] actual = tap.contiguous().data<float>().ToArray();
            var reference = expected.AsSpan(offset, actual.Length).ToArray();
            offset += actual.Length;
            float largest = reference.Max(Math.Abs);
            float worst = actual.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(largest > 0.1f && reference.Count(v => v > 0) > reference.Length / 10, $"{name}: reference nearly all zero");
            Assert.True(worst <= 1e-3f * largest, $"{name}: differs from torchvision by {worst} (largest {largest})");
        }

        Assert.Equal(expected.Length, offset);
    }

    [Fact]
    public void UnknownNetworkAndMissingKeysAreClearErrors()
    {
        Assert.Contains("Unknown loss network", Assert.Throws<ArgumentException>(() => LossNetworkFactory.Create("alexnet")).Message, StringComparison.Ordinal);
        string path = Path.Combine(folder, "empty.safetensors");
        SafetensorsWriter.Write(path, null, [("features.0.weight", new FloatTensor([1], [0f]))]);
        Assert.Contains("features.0.weight", Assert.Throws<InvalidDataException>(() => LossNetworkFactory.Create($"vgg16:{path}")).Message, StringComparison.Ordinal);
    }

    /// <summary>torchvision's VGG-16 features (conv indices 0..28) with random weights.</summary>
    internal static void WriteRandomVgg16(string path)
    {
        var random = new Random(5);
        var tensors = new List<(string, FloatTensor)>();
        int[] convIndices = [0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28];
        int[] widths = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512];
        int inChannels = 3;
        for (int i = 0; i < convIndices.Length; i++)
        {
            int fanIn = inChannels * 9;
            var weight = new float[widths[i] * fanIn];
            for (int k = 0; k < weight.Length; k++)
            {
                weight[k] = (float)((random.NextDouble() - 0.5) * 2 * Math.Sqrt(3.0 / fanIn));
            }

            tensors.Add(($"features.{convIndices[i]}.weight", new FloatTensor([widths[i], inChannels, 3, 3], weight)));
            tensors.Add(($"features.{convIndices[i]}.bias", new FloatTensor([widths[i]], new float[widths[i]])));
            inChannels = widths[i];
        }

        SafetensorsWriter.Write(path, null, tensors);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
