using Painterly.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>
/// The StyleNet (pytorch/examples TransformerNet, parameterised) as a TorchSharp module. Its state_dict keys are
/// exactly the pytorch/examples ones, so checkpoints move between the two without renaming.
/// Input and output: RGB float 0-255, NCHW; sides must be multiples of 4. The output is not clamped.
/// </summary>
public sealed class StyleNet : StyleNetModule
{
    private readonly ConvLayer conv1;
    private readonly InstanceNorm2d in1;
    private readonly ConvLayer conv2;
    private readonly InstanceNorm2d in2;
    private readonly ConvLayer conv3;
    private readonly InstanceNorm2d in3;
    private readonly ResidualBlock[] residuals;
    private readonly UpsampleConvLayer deconv1;
    private readonly InstanceNorm2d in4;
    private readonly UpsampleConvLayer deconv2;
    private readonly InstanceNorm2d in5;
    private readonly ConvLayer deconv3;

    /// <summary>Creates a StyleNet with PyTorch's default initialisation.</summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> is not the classic form.</exception>
    public StyleNet(StyleNetConfig config)
        : base(nameof(StyleNet), config)
    {
        if (config.Form != StyleNetForm.Classic)
        {
            throw new ArgumentException($"StyleNet builds the classic form; a {config.Form} config takes {nameof(StyleNetModule)}.{nameof(Create)}.", nameof(config));
        }

        long c1 = config.Channels, c2 = 2 * c1, c3 = 4 * c1;
        conv1 = new ConvLayer(3, c1, 9, 1);
        in1 = InstanceNorm(c1);
        conv2 = new ConvLayer(c1, c2, 3, 2);
        in2 = InstanceNorm(c2);
        conv3 = new ConvLayer(c2, c3, 3, 2);
        in3 = InstanceNorm(c3);
        residuals = [.. Enumerable.Range(0, config.ResidualBlocks).Select(_ => new ResidualBlock(c3))];
        deconv1 = new UpsampleConvLayer(c3, c2, 3, config.Upsample);
        in4 = InstanceNorm(c2);
        deconv2 = new UpsampleConvLayer(c2, c1, 3, config.Upsample);
        in5 = InstanceNorm(c1);
        deconv3 = new ConvLayer(c1, 3, 9, 1);

        // Registration order is the state_dict order of pytorch/examples: conv1..in3, res1..resN, deconv1..deconv3.
        foreach (var (name, module) in new (string, Module)[] { ("conv1", conv1), ("in1", in1), ("conv2", conv2), ("in2", in2), ("conv3", conv3), ("in3", in3) })
        {
            register_module(name, module);
        }

        for (int i = 0; i < residuals.Length; i++)
        {
            register_module($"res{i + 1}", residuals[i]);
        }

        foreach (var (name, module) in new (string, Module)[] { ("deconv1", deconv1), ("in4", in4), ("deconv2", deconv2), ("in5", in5), ("deconv3", deconv3) })
        {
            register_module(name, module);
        }
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = functional.relu(in1.call(conv1.call(input)));
        y = functional.relu(in2.call(conv2.call(y)));
        y = functional.relu(in3.call(conv3.call(y)));
        foreach (var block in residuals)
        {
            y = block.call(y);
        }

        y = functional.relu(in4.call(deconv1.call(y)));
        y = functional.relu(in5.call(deconv2.call(y)));
        return deconv3.call(y).MoveToOuterDisposeScope();
    }
}
