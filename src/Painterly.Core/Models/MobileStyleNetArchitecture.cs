namespace Painterly.Core.Models;

/// <summary>
/// The layer sequence of the mobile StyleNet: every convolution runs at 1/4 of the image's side with wide channels,
/// where a CPU, a browser's WebAssembly or a phone's neural engine does many multiply-adds per byte moved.
/// Space-to-depth (4) turns the photo into 48 channels at 1/4 side; a 3x3 conv widens it; residual blocks of
/// depthwise 3x3 + pointwise 1x1 convolutions (instance norm after each pointwise one) transform it; a 3x3 conv to
/// 48 channels and depth-to-space (4) give the RGB image back at full size. No convolution runs at full resolution.
/// </summary>
public static class MobileStyleNetArchitecture
{
    /// <summary>Side of the space-to-depth and depth-to-space blocks: the network's sides must be multiples of it.</summary>
    public const int Block = 4;

    /// <summary>Channels of the image at 1/4 side: 3 colours x 16 positions.</summary>
    public const int BlockChannels = 3 * Block * Block;

    /// <summary>The stages of the mobile <paramref name="config"/>, in execution order.</summary>
    public static IReadOnlyList<StyleNetStage> Stages(StyleNetConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int c = config.Channels;
        var stages = new List<StyleNetStage>
        {
            new("conv1", "in1", BlockChannels, c, 3, 1, null, true) { SpaceToDepth = Block },
        };
        for (int i = 1; i <= config.ResidualBlocks; i++)
        {
            stages.Add(new($"res{i}.dw1", null, c, c, 3, 1, null, false, SaveResidual: true) { Groups = c });
            stages.Add(new($"res{i}.pw1", $"res{i}.in1", c, c, 1, 1, null, true));
            stages.Add(new($"res{i}.dw2", null, c, c, 3, 1, null, false) { Groups = c });
            stages.Add(new($"res{i}.pw2", $"res{i}.in2", c, c, 1, 1, null, false, AddResidual: true));
        }

        stages.Add(new("deconv1", null, c, BlockChannels, 3, 1, null, false) { DepthToSpace = Block });
        return stages;
    }
}
