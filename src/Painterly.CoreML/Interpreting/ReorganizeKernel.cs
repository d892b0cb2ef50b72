using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;
using Mode = Painterly.CoreML.Specification.ReorganizeDataLayerParams.Types.ReorganizationType;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// ReorganizeDataLayerParams: space-to-depth and depth-to-space with the block position first (channel
/// <c>(dy * r + dx) * C + c</c>), pixel shuffle with the colour first (channel <c>c * r^2 + dy * r + dx</c>).
/// </summary>
internal static class ReorganizeKernel
{
    public static Blob Run(string name, ReorganizeDataLayerParams p, Blob x) =>
        Run(name, p.Mode, p.BlockSize, x);

    /// <summary>The rearrangement of <paramref name="x"/>; the ML Program interpreter shares it.</summary>
    public static Blob Run(string name, Mode mode, ulong blockSize, Blob x)
    {
        int r = Int(blockSize, name, "blockSize");
        if (r < 1)
        {
            throw Invalid(name, "blockSize must be at least 1.");
        }

        if (mode == Mode.SpaceToDepth)
        {
            if (x.Height % r != 0 || x.Width % r != 0)
            {
                throw Invalid(name, $"input {x.ShapeText} has sides that are not multiples of the block size {r}.");
            }

            var y = new Blob(checked(x.Channels * r * r), x.Height / r, x.Width / r);
            Move(y, x, r, positionFirst: true, toDepth: true);
            return y;
        }

        if (mode is not (Mode.DepthToSpace or Mode.PixelShuffle))
        {
            throw new NotSupportedException($"Layer '{name}' reorganizes data in mode {mode}, which this interpreter does not know.");
        }

        if (x.Channels % (r * r) != 0)
        {
            throw Invalid(name, $"input {x.ShapeText} has channels that are not a multiple of the block size squared ({r * r}).");
        }

        var z = new Blob(x.Channels / (r * r), checked(x.Height * r), checked(x.Width * r));
        Move(x, z, r, positionFirst: mode == Mode.DepthToSpace, toDepth: false);
        return z;
    }

    /// <summary>Copies between the deep blob and the wide one, in the direction <paramref name="toDepth"/> says.</summary>
    private static void Move(Blob deep, Blob wide, int r, bool positionFirst, bool toDepth)
    {
        for (int c = 0; c < wide.Channels; c++)
        {
            for (int dy = 0; dy < r; dy++)
            {
                for (int dx = 0; dx < r; dx++)
                {
                    int position = (dy * r) + dx;
                    int channel = positionFirst ? (position * wide.Channels) + c : (c * r * r) + position;
                    var plane = deep.Channel(channel);
                    var image = wide.Channel(c);
                    for (int y = 0; y < deep.Height; y++)
                    {
                        for (int x = 0; x < deep.Width; x++)
                        {
                            ref float wideValue = ref image[(((y * r) + dy) * wide.Width) + (x * r) + dx];
                            if (toDepth)
                            {
                                plane[(y * deep.Width) + x] = wideValue;
                            }
                            else
                            {
                                wideValue = plane[(y * deep.Width) + x];
                            }
                        }
                    }
                }
            }
        }
    }
}
