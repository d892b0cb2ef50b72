using Painterly.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>
/// The mobile StyleNet (<see cref="MobileStyleNetArchitecture"/>) as a TorchSharp module: pixel_unshuffle(4),
/// conv, residual blocks of depthwise + pointwise convolutions, conv, pixel_shuffle(4). Sides must be multiples of 4.
/// </summary>
public sealed class MobileStyleNet : StyleNetModule
{
    private readonly ConvLayer conv1;
    private readonly InstanceNorm2d in1;
    private readonly MobileResidualBlock[] residuals;
    private readonly ConvLayer deconv1;
    private readonly PixelUnshuffle unshuffle = PixelUnshuffle(MobileStyleNetArchitecture.Block);
    private readonly PixelShuffle shuffle = PixelShuffle(MobileStyleNetArchitecture.Block);

    /// <summary>Creates a mobile StyleNet with PyTorch's default initialisation.</summary>
    /// <exception cref="ArgumentException"><paramref name="config"/> is not the mobile form.</exception>
    public MobileStyleNet(StyleNetConfig config)
        : base(nameof(MobileStyleNet), config)
    {
        if (config.Form != StyleNetForm.Mobile)
        {
            throw new ArgumentException($"MobileStyleNet builds the mobile form; a {config.Form} config takes {nameof(StyleNetModule)}.{nameof(Create)}.", nameof(config));
        }

        long c = config.Channels;
        conv1 = new ConvLayer(MobileStyleNetArchitecture.BlockChannels, c, 3, 1);
        in1 = InstanceNorm(c);
        residuals = [.. Enumerable.Range(0, config.ResidualBlocks).Select(_ => new MobileResidualBlock(c))];
        deconv1 = new ConvLayer(c, MobileStyleNetArchitecture.BlockChannels, 3, 1);

        // Registration order is the order of MobileStyleNetArchitecture.Parameters.
        register_module("conv1", conv1);
        register_module("in1", in1);
        for (int i = 0; i < residuals.Length; i++)
        {
            register_module($"res{i + 1}", residuals[i]);
        }

        register_module("deconv1", deconv1);
        register_module("unshuffle", unshuffle); // no parameters: not in the state_dict
        register_module("shuffle", shuffle);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = unshuffle.call(input);
        y = functional.relu(in1.call(conv1.call(y)));
        foreach (var block in residuals)
        {
            y = block.call(y);
        }

        return shuffle.call(deconv1.call(y)).MoveToOuterDisposeScope();
    }
}
