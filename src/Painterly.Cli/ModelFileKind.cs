namespace Painterly.Cli;

/// <summary>
/// Recognises files given as a style that are clearly not a style model (a photo, a PyTorch checkpoint, a Core ML
/// model), so the error says what the file is and which command takes it, not that a safetensors header is bad.
/// </summary>
internal static class ModelFileKind
{
    /// <summary>Throws a one-line usage error when <paramref name="path"/> is a known non-model kind; returns otherwise.</summary>
    public static void RequireStyleModel(string path)
    {
        if (Describe(path) is { } problem)
        {
            throw new UserException($"{path} {problem}", ExitCodes.Usage);
        }
    }

    /// <summary>What the file is and what to do with it, or null when it may be a safetensors model.</summary>
    public static string? Describe(string path)
    {
        if (Directory.Exists(path))
        {
            return path.EndsWith(".mlpackage", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mlpackage/", StringComparison.OrdinalIgnoreCase)
                ? "is a Core ML package, which only Apple devices run; give the .safetensors or .onnx it was exported from."
                : "is a folder; give a .safetensors or .onnx model file.";
        }

        Span<byte> head = stackalloc byte[12];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        head = head[..read];
        const string Image = "is an image, not a style model; to make a style from a painting, run 'painterly train --style <painting> --data <photos>'.";
        const string Torch = "is a PyTorch checkpoint; convert it first: 'painterly convert <file> --to safetensors'.";
        return head switch
        {
            [0xFF, 0xD8, 0xFF, ..] or [0x89, (byte)'P', (byte)'N', (byte)'G', ..] or [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] or [(byte)'B', (byte)'M', ..] => Image,
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P'] => Image,
            [(byte)'P', (byte)'K', 3, 4, ..] or [0x80, >= 2 and <= 5, ..] => Torch,
            _ when path.EndsWith(".mlmodel", StringComparison.OrdinalIgnoreCase) => "is a Core ML model, which only Apple devices run; give the .safetensors or .onnx it was exported from.",
            _ when path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) => Torch,
            _ => null,
        };
    }
}
