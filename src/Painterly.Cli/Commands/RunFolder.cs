namespace Painterly.Cli.Commands;

/// <summary>What <c>painterly train</c> checks about a run folder before training into it.</summary>
internal static class RunFolder
{
    private static readonly string[] FileExtensions = [".safetensors", ".onnx", ".mlmodel", ".mlpackage", ".pth", ".pt", ".model", ".png", ".jpg", ".jpeg"];

    /// <summary>True when the folder holds at least one training checkpoint.</summary>
    public static bool HasCheckpoint(string runFolder)
    {
        string checkpoints = Path.Combine(runFolder, "checkpoints");
        return Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "step-*.safetensors").Any();
    }

    /// <summary>True when <paramref name="path"/> reads as a model or image file name rather than a folder.</summary>
    public static bool LooksLikeAFile(string path) =>
        FileExtensions.Contains(Path.GetExtension(Path.TrimEndingDirectorySeparator(path)), StringComparer.OrdinalIgnoreCase);
}
