namespace Painterly.CoreML.MlProgram;

/// <summary>
/// A runtime tensor of the program being built: its variable name and [1, C, H, W] shape (H and W null when the
/// image size is flexible).
/// </summary>
/// <param name="Name">The MIL variable name.</param>
/// <param name="Channels">C.</param>
/// <param name="Height">H, or null when unknown until run time.</param>
/// <param name="Width">W, or null when unknown until run time.</param>
internal sealed record MilTensor(string Name, int Channels, long? Height, long? Width)
{
    public long?[] Shape => [1, Channels, Height, Width];
}
