namespace Painterly.CoreML;

/// <summary>A range of image sides, applied to both width and height, bounds inclusive.</summary>
/// <param name="Min">Smallest side in pixels.</param>
/// <param name="Max">Largest side in pixels.</param>
public sealed record CoreMLSizeRange(int Min, int Max)
{
    /// <summary>"MIN..MAX".</summary>
    public override string ToString() => $"{Min}..{Max}";
}
