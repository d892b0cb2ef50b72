using Painterly.Core.Models;
using Painterly.Torch.Networks;
using TorchSharp;

namespace Painterly.Torch.Tests.Networks;

public class StyleNetTests
{
    [Fact]
    public void DefaultConfigHasThePytorchExamplesParameterCount()
    {
        using var net = new StyleNet(StyleNetConfig.Default);
        long count = net.parameters().Sum(p => p.numel());
        Assert.Equal(1_679_235, count);
    }

    [Theory]
    [InlineData(32, 5, StyleNetUpsample.Nearest)]
    [InlineData(8, 3, StyleNetUpsample.Transposed)]
    public void StateDictKeysAndShapesAreThePytorchExamplesOnes(int channels, int blocks, StyleNetUpsample upsample)
    {
        var config = new StyleNetConfig(channels, blocks, upsample);
        using var net = new StyleNet(config);
        var actual = net.state_dict().Select(kv => (kv.Key, string.Join(",", kv.Value.shape))).ToList();
        var expected = StyleNetArchitecture.Parameters(config).Select(p => (p.Name, string.Join(",", p.Shape))).ToList();
        Assert.Equal(expected, actual);
        Assert.Contains("res1.conv1.conv2d.weight", actual.Select(a => a.Key));
        Assert.Contains("in1.weight", actual.Select(a => a.Key));
    }

    [Theory]
    [InlineData(StyleNetUpsample.Nearest, 36, 28)]
    [InlineData(StyleNetUpsample.Transposed, 20, 44)]
    public void OutputHasTheInputShape(StyleNetUpsample upsample, int width, int height)
    {
        using var net = new StyleNet(new StyleNetConfig(8, 2, upsample));
        using var input = torch.rand(1, 3, height, width) * 255;
        using var output = net.call(input);
        Assert.Equal(new long[] { 1, 3, height, width }, output.shape);
    }

    [Fact]
    public void WeightsRoundTripThroughStyleModelBitExact()
    {
        var config = new StyleNetConfig(8, 1, StyleNetUpsample.Nearest);
        using var net = new StyleNet(config);
        var model = StyleNetWeights.ToStyleModel(net);
        using var copy = StyleNetWeights.ToModule(model);
        var again = StyleNetWeights.ToStyleModel(copy);
        foreach (var (name, tensor) in model.Weights)
        {
            Assert.Equal(tensor.Data, again.Weights[name].Data);
        }
    }

    [Fact]
    public void StylizerClampsToThePixelRange()
    {
        var config = new StyleNetConfig(8, 1, StyleNetUpsample.Nearest);
        using var net = new StyleNet(config);
        var weights = StyleNetWeights.ToStyleModel(net).Weights.ToDictionary(kv => kv.Key, kv => kv.Value);
        // A large final bias pushes every output pixel past 255: the clamp must hold it there.
        weights["deconv3.conv2d.bias"] = new FloatTensor([3], [1000f, -1000f, 100f]);
        using var stylizer = new TorchStylizer(new StyleModel(config, weights));
        var output = stylizer.Stylize(new float[3 * 8 * 12], 12, 8);
        Assert.All(output.AsSpan(0, 96).ToArray(), v => Assert.Equal(255f, v));
        Assert.All(output.AsSpan(96, 96).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(output.AsSpan(192, 96).ToArray(), v => Assert.InRange(v, 0f, 255f));
    }
}
