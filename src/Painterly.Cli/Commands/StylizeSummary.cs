using System.Globalization;

namespace Painterly.Cli.Commands;

/// <summary>Counts and times of a <c>painterly stylize</c> run, for its closing line.</summary>
internal sealed class StylizeSummary
{
    private TimeSpan total;

    public int SucceededCount { get; private set; }

    public int FailedCount { get; private set; }

    public void Succeeded(TimeSpan elapsed)
    {
        SucceededCount++;
        total += elapsed;
    }

    public void Failed() => FailedCount++;

    public override string ToString()
    {
        double mean = SucceededCount == 0 ? 0 : total.TotalMilliseconds / SucceededCount;
        return string.Create(CultureInfo.InvariantCulture,
            $"{SucceededCount + FailedCount} images: {SucceededCount} stylized, {FailedCount} failed; stylizing took {total.TotalSeconds:F1} s, {mean:F0} ms per image");
    }
}
