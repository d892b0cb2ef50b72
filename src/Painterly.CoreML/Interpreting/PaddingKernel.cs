using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// PaddingLayerParams: constant, reflection (mirrors without repeating the edge, as PyTorch's ReflectionPad2d, so
/// each amount must be below the side) or replication (repeats the edge).
/// </summary>
internal static class PaddingKernel
{
    public static Blob Run(string name, PaddingLayerParams p, Blob x)
    {
        var (top, bottom, left, right) = Border(p.PaddingAmounts, name, "paddingAmounts");
        Func<int, int, int> map = p.PaddingTypeCase switch
        {
            PaddingLayerParams.PaddingTypeOneofCase.Constant => static (i, n) => i >= 0 && i < n ? i : -1,
            PaddingLayerParams.PaddingTypeOneofCase.Reflection => static (i, n) => i < 0 ? -i : i >= n ? (2 * (n - 1)) - i : i,
            PaddingLayerParams.PaddingTypeOneofCase.Replication => static (i, n) => Math.Clamp(i, 0, n - 1),
            _ => throw Invalid(name, "the padding type (constant, reflection or replication) is not set."),
        };
        if (p.PaddingTypeCase == PaddingLayerParams.PaddingTypeOneofCase.Reflection
            && (Math.Max(top, bottom) >= x.Height || Math.Max(left, right) >= x.Width))
        {
            throw Invalid(name, $"reflection padding {top}/{bottom}/{left}/{right} needs each amount below the side of the {x.ShapeText} input.");
        }

        float value = p.Constant?.Value ?? 0f;
        int[] rows = [.. Enumerable.Range(-top, x.Height + top + bottom).Select(i => map(i, x.Height))];
        int[] cols = [.. Enumerable.Range(-left, x.Width + left + right).Select(i => map(i, x.Width))];
        var y = new Blob(x.Channels, rows.Length, cols.Length);
        for (int c = 0; c < x.Channels; c++)
        {
            ReadOnlySpan<float> input = x.Channel(c);
            var output = y.Channel(c);
            for (int oy = 0; oy < rows.Length; oy++)
            {
                for (int ox = 0; ox < cols.Length; ox++)
                {
                    output[(oy * cols.Length) + ox] = rows[oy] < 0 || cols[ox] < 0 ? value : input[(rows[oy] * x.Width) + cols[ox]];
                }
            }
        }

        return y;
    }
}
