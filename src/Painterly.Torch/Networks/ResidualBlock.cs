using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>conv, IN, ReLU, conv, IN, add the input: pytorch/examples' <c>ResidualBlock</c>.</summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    private readonly ConvLayer conv1;
    private readonly InstanceNorm2d in1;
    private readonly ConvLayer conv2;
    private readonly InstanceNorm2d in2;

    public ResidualBlock(long channels)
        : base(nameof(ResidualBlock))
    {
        conv1 = new ConvLayer(channels, channels, 3, 1);
        in1 = StyleNetModule.InstanceNorm(channels);
        conv2 = new ConvLayer(channels, channels, 3, 1);
        in2 = StyleNetModule.InstanceNorm(channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = functional.relu(in1.call(conv1.call(input)));
        y = in2.call(conv2.call(y));
        return (y + input).MoveToOuterDisposeScope();
    }
}
