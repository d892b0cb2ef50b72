using Painterly.Core.Models;
using Painterly.Torch.Networks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Painterly.Torch.Tests.Networks;

public sealed class StyleNetInitializerTests
{
    [Fact]
    public void TheSeedAloneFixesTheWeightsWhateverElseDrawsFromTorch()
    {
        var config = new StyleNetConfig { Channels = 8, ResidualBlocks = 1 };
        using var a = new StyleNet(config);
        StyleNetInitializer.Apply(a, 5);
        manual_seed(77);
        using (rand(1000))
        {
            // Advances the process-wide generator, as parallel torch work would.
        }

        using var b = new StyleNet(config);
        StyleNetInitializer.Apply(b, 5);
        using var c = new StyleNet(config);
        StyleNetInitializer.Apply(c, 6);

        var first = a.state_dict();
        var second = b.state_dict();
        var other = c.state_dict();
        foreach (var (name, tensor) in first)
        {
            Assert.True(tensor.allclose(second[name], 0, 0), $"{name} differs for the same seed");
        }

        Assert.False(first["conv1.conv2d.weight"].allclose(other["conv1.conv2d.weight"], 0, 0));
    }

    [Fact]
    public void ConvolutionsAreUniformWithinPyTorchsBoundAndNormsStartAtIdentity()
    {
        using var net = new StyleNet(new StyleNetConfig { Channels = 8, ResidualBlocks = 1, Upsample = StyleNetUpsample.Transposed });
        StyleNetInitializer.Apply(net, 3);
        foreach (var module in net.modules())
        {
            if (module is Conv2d or ConvTranspose2d)
            {
                var weight = module is Conv2d conv ? conv.weight! : ((ConvTranspose2d)module).weight!;
                double bound = 1.0 / Math.Sqrt(weight.shape[1] * weight.shape[2] * weight.shape[3]);
                double largest = weight.abs().max().item<float>();
                Assert.InRange(largest, 0.8 * bound, bound);
                Assert.InRange(weight.mean().item<float>(), -0.2 * bound, 0.2 * bound);
            }
        }

        var state = net.state_dict();
        Assert.True(state["in1.weight"].eq(1).all().item<bool>());
        Assert.True(state["in1.bias"].eq(0).all().item<bool>());
    }
}
