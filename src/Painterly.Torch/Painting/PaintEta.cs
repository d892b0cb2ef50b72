namespace Painterly.Torch.Painting;

/// <summary>Time left, counting an iteration's cost by its pixels, so the cheap half-size stage does not skew it.</summary>
internal sealed class PaintEta(IReadOnlyList<PaintScale> scales, int size)
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private double unitsDone;

    /// <summary>Records one iteration at longest side <paramref name="side"/>.</summary>
    public void Completed(int side) => unitsDone += Math.Pow((double)side / size, 2);

    /// <summary>Estimated time for the iterations after <paramref name="done"/>.</summary>
    public TimeSpan Remaining(int done)
    {
        double unitsLeft = 0;
        int before = 0;
        foreach (var scale in scales)
        {
            int left = Math.Clamp(before + scale.Iterations - done, 0, scale.Iterations);
            // Square-ish: the aspect ratio is the same at every scale, so (side / size)^2 is the pixel ratio.
            unitsLeft += left * Math.Pow((double)scale.Side / size, 2);
            before += scale.Iterations;
        }

        double perUnit = unitsDone > 0 ? clock.Elapsed.TotalSeconds / unitsDone : 0;
        return TimeSpan.FromSeconds(unitsLeft * perUnit);
    }
}
