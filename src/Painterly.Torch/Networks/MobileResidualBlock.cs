using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>Depthwise 3x3, pointwise 1x1, IN, ReLU, depthwise 3x3, pointwise 1x1, IN, add the input.</summary>
internal sealed class MobileResidualBlock : Module<Tensor, Tensor>
{
    private readonly ConvLayer dw1;
    private readonly ConvLayer pw1;
    private readonly InstanceNorm2d in1;
    private readonly ConvLayer dw2;
    private readonly ConvLayer pw2;
    private readonly InstanceNorm2d in2;

    public MobileResidualBlock(long channels)
        : base(nameof(MobileResidualBlock))
    {
        dw1 = new ConvLayer(channels, channels, 3, 1, groups: channels);
        pw1 = new ConvLayer(channels, channels, 1, 1);
        in1 = StyleNetModule.InstanceNorm(channels);
        dw2 = new ConvLayer(channels, channels, 3, 1, groups: channels);
        pw2 = new ConvLayer(channels, channels, 1, 1);
        in2 = StyleNetModule.InstanceNorm(channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = functional.relu(in1.call(pw1.call(dw1.call(input))));
        y = in2.call(pw2.call(dw2.call(y)));
        return (y + input).MoveToOuterDisposeScope();
    }
}
