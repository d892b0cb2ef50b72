using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>Reflection padding (k/2) then a convolution: pytorch/examples' <c>ConvLayer</c>, with groups for depthwise convolutions.</summary>
internal sealed class ConvLayer : Module<Tensor, Tensor>
{
    // Field names are the state_dict names: "conv2d" gives "<prefix>.conv2d.weight".
    private readonly ReflectionPad2d? reflection_pad;
    private readonly Conv2d conv2d;

    public ConvLayer(long inChannels, long outChannels, long kernelSize, long stride, long groups = 1)
        : base(nameof(ConvLayer))
    {
        reflection_pad = kernelSize > 1 ? ReflectionPad2d(kernelSize / 2) : null;
        conv2d = Conv2d(inChannels, outChannels, kernelSize, stride, groups: groups);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (reflection_pad is null)
        {
            return conv2d.call(input);
        }

        using var padded = reflection_pad.call(input);
        return conv2d.call(padded);
    }
}
