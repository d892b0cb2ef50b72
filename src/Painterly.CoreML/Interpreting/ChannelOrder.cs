namespace Painterly.CoreML.Interpreting;

/// <summary>Converts planar data between RGB and BGR order.</summary>
internal static class ChannelOrder
{
    /// <summary>Swaps the first and third planes of CHW data in place.</summary>
    public static void SwapRedBlue(float[] data, int plane)
    {
        var first = data.AsSpan(0, plane);
        var third = data.AsSpan(2 * plane, plane);
        for (int i = 0; i < plane; i++)
        {
            (first[i], third[i]) = (third[i], first[i]);
        }
    }
}
