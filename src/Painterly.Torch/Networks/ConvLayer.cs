using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>Reflection padding (k/2) then a convolution: pytorch/examples' <c>ConvLayer</c>.</summary>
internal sealed class ConvLayer : Module<Tensor, Tensor>
{
    // Field names are the state_dict names: "conv2d" gives "<prefix>.conv2d.weight".
    private readonly ReflectionPad2d reflection_pad;
    private readonly Conv2d conv2d;

    public ConvLayer(long inChannels, long outChannels, long kernelSize, long stride)
        : base(nameof(ConvLayer))
    {
        reflection_pad = ReflectionPad2d(kernelSize / 2);
        conv2d = Conv2d(inChannels, outChannels, kernelSize, stride);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var padded = reflection_pad.call(input);
        return conv2d.call(padded);
    }
}
