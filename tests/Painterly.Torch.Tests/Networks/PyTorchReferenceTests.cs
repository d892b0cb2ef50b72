using Painterly.Core.Models;
using Painterly.Core.PyTorch;
using Painterly.Onnx;
using Painterly.Torch.Networks;
using static TorchSharp.torch;

namespace Painterly.Torch.Tests.Networks;

/// <summary>
/// The TorchSharp StyleNet against PyTorch's own outputs for the same weights and photo
/// (tools/python/make_onnx_fixtures.py for nearest, make_torch_network_fixtures.py for transposed,
/// make_mobile_fixtures.py for the mobile form, whose PyTorch module is written apart from the C# one).
/// </summary>
public sealed class PyTorchReferenceTests
{
    private const int Width = 64;
    private const int Height = 48;

    [Theory]
    [InlineData("transformer-c8.pth", "transformer-c8-output.f32")]
    [InlineData("transformer-c8-transposed-fp16.pth", "transposed-c8-output.f32")]
    public void StyleNetMatchesPyTorch(string checkpoint, string expected)
    {
        // The fixtures hold freshly initialised networks, whose outputs lie near 0: compare the module's unclamped
        // output (the stylizers clamp to 0-255), relative to its largest value.
        var model = TorchCheckpointReader.ReadStyleModel(TorchFixtures.Path(checkpoint));
        using var scope = NewDisposeScope();
        using var net = StyleNetWeights.ToModule(model);
        net.eval();
        float[] reference = TorchFixtures.Floats(expected);
        float[] output = [.. net.call(tensor(TorchFixtures.Floats("input-64x48.f32"), [1, 3, Height, Width])).data<float>()];

        Assert.Equal(reference.Length, output.Length);
        float largest = reference.Max(Math.Abs);
        float worst = output.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-4f * largest, $"differs from PyTorch by {worst} (largest {largest})");
        // Not a trivially passing comparison: the output varies across the image.
        Assert.True(reference.Max() - reference.Min() > 1, $"reference range {reference.Min()}..{reference.Max()}");
    }

    [Fact]
    public void MobileStyleNetMatchesPyTorchInTorchSharpAndOnnxRuntime()
    {
        var model = StyleModelFile.Load(TorchFixtures.Path("mobile-c8.safetensors"));
        Assert.Equal(new StyleNetConfig(8, 2, Form: StyleNetForm.Mobile), model.Config);
        float[] input = TorchFixtures.Floats("input-64x48.f32");
        float[] reference = TorchFixtures.Floats("mobile-c8-output.f32");
        float[] torchSharp;
        using (var scope = NewDisposeScope())
        using (var net = StyleNetWeights.ToModule(model))
        {
            net.eval();
            torchSharp = [.. net.call(tensor(input, [1, 3, Height, Width])).data<float>()];
        }

        float[] onnx;
        using (var stylizer = new OnnxStylizer(model))
        {
            onnx = stylizer.Stylize(input, Width, Height);
        }

        Assert.True(reference.Min() > 0 && reference.Max() < 255, "the fixture's output lies inside 0-255, so the ONNX clamp changes nothing");
        Assert.True(reference.Max() - reference.Min() > 20, $"reference range {reference.Min()}..{reference.Max()}");
        Assert.InRange(torchSharp.Zip(reference, (a, b) => Math.Abs(a - b)).Max(), 0f, 1e-3f);
        Assert.InRange(onnx.Zip(reference, (a, b) => Math.Abs(a - b)).Max(), 0f, 1e-2f);
    }
}
