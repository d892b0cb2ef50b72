using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

public class StyleNetArchitectureTests
{
    [Fact]
    public void DefaultParameterCount_MatchesPytorchExamples()
    {
        Assert.Equal(1_679_235, StyleNetArchitecture.ParameterCount(StyleNetConfig.Default));
    }

    [Fact]
    public void ParameterNames_FollowStateDictOrder()
    {
        var names = StyleNetArchitecture.Parameters(StyleNetConfig.Default).Select(p => p.Name).ToList();

        Assert.Equal(["conv1.conv2d.weight", "conv1.conv2d.bias", "in1.weight", "in1.bias", "conv2.conv2d.weight"], names.Take(5));
        string[] landmarks = ["conv1.conv2d.weight", "in1.weight", "res1.conv1.conv2d.weight", "deconv1.conv2d.bias", "deconv3.conv2d.weight"];
        var positions = landmarks.Select(n => names.IndexOf(n)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal("deconv3.conv2d.bias", names[^1]);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal((3 * 4) + (5 * 8) + (2 * 4) + 2, names.Count);
    }

    [Fact]
    public void TransposedUpsample_StoresInputChannelsFirst()
    {
        var shapes = StyleNetArchitecture.Parameters(new StyleNetConfig(8, 1, StyleNetUpsample.Transposed)).ToDictionary(p => p.Name, p => p.Shape);
        Assert.Equal([32, 16, 3, 3], shapes["deconv1.conv2d.weight"]);
        Assert.Equal([3, 8, 9, 9], shapes["deconv3.conv2d.weight"]);
    }

    [Fact]
    public void FlopsCountEveryConvolutionAtItsResolution()
    {
        // Per pixel: conv1 15552, conv2 9216, conv3 9216, 10 residual convs 184320, deconv1 36864, deconv2 36864, deconv3 15552.
        Assert.Equal(307_584.0 * 1024 * 1024, StyleNetArchitecture.Flops(StyleNetConfig.Default, 1024, 1024));

        // A transposed conv does its multiply-adds at the input resolution: a quarter of nearest+conv's.
        double nearest = StyleNetArchitecture.Flops(new StyleNetConfig(8, 0), 64, 64);
        double transposed = StyleNetArchitecture.Flops(new StyleNetConfig(8, 0, StyleNetUpsample.Transposed), 64, 64);
        double upsampleConvs = 2.0 * ((32 * 16 * 9 * 32 * 32) + (16 * 8 * 9 * 64 * 64));
        Assert.Equal(nearest - (upsampleConvs * 3 / 4), transposed);
    }
}
