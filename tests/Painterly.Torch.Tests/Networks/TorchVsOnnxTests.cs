using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Stylizing;
using Painterly.Onnx;
using Painterly.Torch.Networks;

namespace Painterly.Torch.Tests.Networks;

/// <summary>The ONNX Runtime engine against the TorchSharp StyleNet, the reference, on the same weights.</summary>
public class TorchVsOnnxTests
{
    [Theory]
    [InlineData(32, 5, StyleNetUpsample.Nearest, 333, 251)]
    [InlineData(16, 5, StyleNetUpsample.Nearest, 128, 96)]
    [InlineData(8, 3, StyleNetUpsample.Nearest, 97, 203)]
    [InlineData(8, 2, StyleNetUpsample.Transposed, 333, 251)]
    public void OnnxRuntimeMatchesTorchSharpWithinHalfALevel(int channels, int blocks, StyleNetUpsample upsample, int width, int height) =>
        AssertOnnxMatchesTorch(new StyleNetConfig(channels, blocks, upsample), width, height);

    /// <summary>TorchSharp's pixel_unshuffle/pixel_shuffle and grouped convolutions against ONNX SpaceToDepth, DepthToSpace (CRD) and Conv group.</summary>
    [Theory]
    [InlineData(64, 5, 128, 96)]
    [InlineData(16, 2, 97, 203)]
    public void MobileFormMatchesTorchSharpWithinHalfALevel(int channels, int blocks, int width, int height) =>
        AssertOnnxMatchesTorch(new StyleNetConfig(channels, blocks, Form: StyleNetForm.Mobile), width, height);

    private static void AssertOnnxMatchesTorch(StyleNetConfig config, int width, int height)
    {
        var model = SeededStyleModel.Create(config, config.Channels + config.ResidualBlocks);
        var image = TestScene.RenderPlanar(width, height);
        using var torch = new TorchStylizer(model);
        using var onnx = new OnnxStylizer(model);
        var expected = new ImageStylizer(torch).Stylize(image);
        var actual = new ImageStylizer(onnx).Stylize(image);
        Assert.Equal((width, height), (actual.Width, actual.Height));
        float maxDiff = expected.Data.Zip(actual.Data, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 0.5f, $"max abs difference {maxDiff}");

        // Not trivially equal: the network really changed the picture.
        Assert.True(image.Data.Zip(actual.Data, (a, b) => Math.Abs(a - b)).Average() > 5);
    }
}
