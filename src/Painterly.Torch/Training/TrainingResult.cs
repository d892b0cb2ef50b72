namespace Painterly.Torch.Training;

/// <summary>How a training run ended.</summary>
/// <param name="RunFolder">The run folder.</param>
/// <param name="ModelPath">The final model, or null when stopped early.</param>
/// <param name="StepsCompleted">Steps done, counting those before a resume.</param>
/// <param name="Cancelled">Stopped by Ctrl+C or SIGTERM (a checkpoint was written).</param>
/// <param name="SkippedPhotos">Photo decode failures (the photos were replaced by others).</param>
/// <param name="Elapsed">Time this process spent training.</param>
public sealed record TrainingResult(string RunFolder, string? ModelPath, long StepsCompleted, bool Cancelled, int SkippedPhotos, TimeSpan Elapsed);
