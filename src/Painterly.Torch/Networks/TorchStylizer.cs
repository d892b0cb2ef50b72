using Painterly.Core.Models;
using Painterly.Core.Stylizing;
using TorchSharp;
using static TorchSharp.torch;

namespace Painterly.Torch.Networks;

/// <summary>Runs a StyleNet with TorchSharp on the CPU: the reference the other runtimes are checked against.</summary>
public sealed class TorchStylizer : IStyleEngine
{
    private readonly StyleNetModule net;

    /// <summary>Loads <paramref name="model"/> into a TorchSharp StyleNet in evaluation mode.</summary>
    public TorchStylizer(StyleModel model)
    {
        net = StyleNetWeights.ToModule(model);
        net.eval();
    }

    /// <inheritdoc/>
    public string Name => "torch";

    /// <inheritdoc/>
    public float[] Stylize(float[] chw, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(chw);
        if (width % 4 != 0 || height % 4 != 0 || chw.Length != 3L * width * height)
        {
            throw new ArgumentException($"Expected a 3x{height}x{width} image with sides that are multiples of 4.", nameof(chw));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = tensor(chw, [1, 3, height, width]);
        var output = net.call(input).clamp_(0, 255).contiguous();
        return output.data<float>().ToArray();
    }

    /// <inheritdoc/>
    public void Stylize(float[] chw, int width, int height, float[] output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Stylize(chw, width, height).CopyTo(output, 0);
    }

    /// <inheritdoc/>
    public void Dispose() => net.Dispose();
}
