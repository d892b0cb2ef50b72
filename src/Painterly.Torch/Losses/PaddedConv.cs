using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Losses;

/// <summary>
/// Explicit zero padding, then a convolution with a bias. CNTK exports pad asymmetrically (more at the top-left),
/// which Conv2d's symmetric padding cannot express.
/// </summary>
internal sealed class PaddedConv : Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly long[] pad;

    /// <param name="weight">Weights, row-major.</param>
    /// <param name="bias">Shape [out].</param>
    /// <param name="shape">Weight shape [out, in, k, k].</param>
    /// <param name="stride">Stride in both directions.</param>
    /// <param name="pads">F.pad order: left, right, top, bottom.</param>
    public PaddedConv(float[] weight, float[] bias, long[] shape, long stride, long[] pads)
        : base(nameof(PaddedConv))
    {
        conv = Conv2d(shape[1], shape[0], shape[2], stride: stride, padding: 0L, bias: true);
        pad = pads;
        using (no_grad())
        {
            using var w = tensor(weight, shape);
            using var b = tensor(bias, [shape[0]]);
            conv.weight!.copy_(w);
            conv.bias!.copy_(b);
        }

        RegisterComponents();
    }

    public long OutChannels => conv.weight!.shape[0];

    public override Tensor forward(Tensor input)
    {
        if (pad.All(p => p == 0))
        {
            return conv.call(input);
        }

        using var padded = functional.pad(input, pad);
        return conv.call(padded);
    }
}
