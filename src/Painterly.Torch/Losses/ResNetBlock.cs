using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Losses;

/// <summary>A ResNet basic block with batch norm folded into its convolutions: relu(conv2(relu(conv1(x))) + shortcut(x)).</summary>
internal sealed class ResNetBlock : Module<Tensor, Tensor>
{
    private readonly PaddedConv conv1;
    private readonly PaddedConv conv2;
    private readonly PaddedConv? downsample;

    public ResNetBlock(PaddedConv conv1, PaddedConv conv2, PaddedConv? downsample)
        : base(nameof(ResNetBlock))
    {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = conv2.call(functional.relu(conv1.call(input)));
        var shortcut = downsample is null ? input : downsample.call(input);
        return functional.relu(y.add_(shortcut)).MoveToOuterDisposeScope();
    }
}
