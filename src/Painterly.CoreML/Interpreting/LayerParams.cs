using Google.Protobuf.Collections;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Interpreting;

/// <summary>Reads the shared parameter shapes of layers, applying the schema's defaults and checking ranges.</summary>
internal static class LayerParams
{
    /// <summary>Largest size or amount accepted, so a hostile file cannot ask for a huge allocation through one field.</summary>
    private const ulong MaxValue = 1 << 20;

    /// <summary>A [height, width] pair; an empty field means <paramref name="defaultValue"/> for both.</summary>
    public static (int H, int W) Pair(RepeatedField<ulong> values, int defaultValue, string layer, string what)
    {
        return values.Count switch
        {
            0 => (defaultValue, defaultValue),
            2 => (Int(values[0], layer, what), Int(values[1], layer, what)),
            _ => throw new InvalidDataException($"Layer '{layer}': {what} has {values.Count} values; expected 2 (height, width)."),
        };
    }

    /// <summary>Top, bottom, left, right from [height, width] border amounts; none means 0.</summary>
    public static (int Top, int Bottom, int Left, int Right) Border(BorderAmounts? border, string layer, string what)
    {
        var amounts = border?.BorderAmounts_;
        if (amounts is null || amounts.Count == 0)
        {
            return (0, 0, 0, 0);
        }

        if (amounts.Count != 2)
        {
            throw new InvalidDataException($"Layer '{layer}': {what} has {amounts.Count} entries; expected 2 (height, width).");
        }

        return (Int(amounts[0].StartEdgeSize, layer, what), Int(amounts[0].EndEdgeSize, layer, what),
            Int(amounts[1].StartEdgeSize, layer, what), Int(amounts[1].EndEdgeSize, layer, what));
    }

    public static int Int(ulong value, string layer, string what) => value <= MaxValue
        ? (int)value
        : throw new InvalidDataException($"Layer '{layer}': {what} {value} is out of range (at most {MaxValue}).");

    /// <summary>Checks a decoded weight has the expected number of values.</summary>
    public static float[] Expect(float[] values, long count, string layer, string role)
    {
        if (values.Length != count)
        {
            throw new InvalidDataException($"Layer '{layer}': {role} has {values.Length} values, expected {count}.");
        }

        return values;
    }

    public static InvalidDataException Invalid(string layer, string problem) => new($"Layer '{layer}': {problem}");
}
