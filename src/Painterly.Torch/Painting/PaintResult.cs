using Painterly.Core.Images;

namespace Painterly.Torch.Painting;

/// <summary>The painted image and how the run went.</summary>
/// <param name="Image">The result at the content's aspect ratio (longest side = the requested size), 0-255.</param>
/// <param name="Iterations">Iterations completed.</param>
/// <param name="Last">The last iteration's report; null when none ran.</param>
/// <param name="Cancelled">The run stopped early; <paramref name="Image"/> is the picture so far.</param>
/// <param name="Snapshots">Snapshot files written.</param>
/// <param name="Elapsed">Wall time of the run, loading included.</param>
public sealed record PaintResult(PlanarImage Image, int Iterations, PaintProgress? Last, bool Cancelled, IReadOnlyList<string> Snapshots, TimeSpan Elapsed);
