namespace Painterly.Torch.Training;

/// <summary>
/// A small SplitMix64 generator seeded from (seed, a, b): data order and augmentation depend on nothing else,
/// so a resumed run repeats them exactly.
/// </summary>
internal sealed class SeedMix
{
    private ulong state;

    public SeedMix(ulong seed, ulong a, ulong b = 0)
    {
        state = seed;
        state = NextUInt64() ^ (a * 0x9E3779B97F4A7C15UL);
        state = NextUInt64() ^ (b * 0xC2B2AE3D27D4EB4FUL);
    }

    public ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);
}
