using Painterly.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>
/// x2 upsampling then a 3x3 conv: nearest + reflection pad + conv (pytorch/examples' <c>UpsampleConvLayer</c>,
/// no checkerboard), or a stride-2 transposed conv.
/// </summary>
internal sealed class UpsampleConvLayer : Module<Tensor, Tensor>
{
    private readonly StyleNetUpsample mode;
    private readonly ReflectionPad2d? reflection_pad;
    private readonly Module<Tensor, Tensor> conv2d;

    public UpsampleConvLayer(long inChannels, long outChannels, long kernelSize, StyleNetUpsample mode)
        : base(nameof(UpsampleConvLayer))
    {
        this.mode = mode;
        if (mode == StyleNetUpsample.Nearest)
        {
            reflection_pad = ReflectionPad2d(kernelSize / 2);
            conv2d = Conv2d(inChannels, outChannels, kernelSize, stride: 1);
        }
        else
        {
            conv2d = ConvTranspose2d(inChannels, outChannels, kernelSize, stride: 2, padding: kernelSize / 2, output_padding: 1);
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (mode == StyleNetUpsample.Transposed)
        {
            return conv2d.call(input);
        }

        using var upsampled = functional.interpolate(input, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
        using var padded = reflection_pad!.call(upsampled);
        return conv2d.call(padded);
    }
}
