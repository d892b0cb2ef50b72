using System.Text.Json;
using Google.Protobuf;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Reads an <c>.mlpackage</c> folder, treating it as hostile: <c>Manifest.json</c> is size-limited and its item
/// paths must stay inside the package's <c>Data</c> folder (no absolute paths, no <c>..</c>, no links), the
/// specification must be an ML Program, and the program is checked (<see cref="MilProgramCheck"/>) against the
/// description and the weights file (ops outside Painterly's set are allowed here, for <c>inspect</c>; the
/// interpreter refuses them). Every failure is one line naming the package.
/// </summary>
public static class MlPackageReader
{
    /// <summary>Largest Manifest.json accepted.</summary>
    public const int MaxManifestBytes = 1 << 20;

    /// <summary>Largest specification or weights file accepted (what one byte array can hold).</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>Reads and checks the package at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The folder is not a well-formed ML Program package.</exception>
    public static MlPackage Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Directory.Exists(path))
        {
            throw new InvalidDataException($"'{path}' is not a folder; an .mlpackage is a folder with Manifest.json.");
        }

        string root = Path.GetFullPath(path);
        string data = Path.Combine(root, MlPackageLayout.DataFolder);
        var (modelPath, weightsFolder) = ReadManifest(path, root, data);
        var model = ParseModel(path, ReadBounded(path, modelPath, MaxFileBytes));
        string weightsFile = Path.Combine(weightsFolder ?? Path.Combine(Path.GetDirectoryName(modelPath)!, "weights"), MlPackageLayout.WeightsFile);
        Contained(path, data, weightsFile, Path.GetRelativePath(data, weightsFile), "the weights file");
        byte[] weights = File.Exists(weightsFile) ? ReadBounded(path, weightsFile, MaxFileBytes) : [];
        var package = new MlPackage(model, weights);
        MilProgramCheck.Check(package, path, runnable: false);
        return package;
    }

    private static (string Model, string? Weights) ReadManifest(string path, string root, string data)
    {
        string manifestPath = Path.Combine(root, MlPackageLayout.Manifest);
        if (!File.Exists(manifestPath))
        {
            throw Bad(path, "has no Manifest.json (not an .mlpackage)");
        }

        byte[] bytes = ReadBounded(path, manifestPath, MaxManifestBytes);
        JsonDocument manifest;
        try
        {
            manifest = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Bad(path, $"has a Manifest.json that is not JSON ({e.Message.ReplaceLineEndings(" ")})");
        }

        using (manifest)
        {
            var top = manifest.RootElement;
            string version = String(top, "fileFormatVersion") ?? throw Bad(path, "has a Manifest.json without fileFormatVersion");
            if (!version.StartsWith("1.0.", StringComparison.Ordinal))
            {
                throw Bad(path, $"has package format version {version}; this reader knows 1.0.x");
            }

            string rootId = String(top, "rootModelIdentifier") ?? throw Bad(path, "has a Manifest.json without rootModelIdentifier");
            if (!top.TryGetProperty("itemInfoEntries", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "has a Manifest.json without itemInfoEntries");
            }

            string? model = null, weights = null;
            foreach (var entry in entries.EnumerateObject())
            {
                string item = String(entry.Value, "path") ?? throw Bad(path, $"has a manifest item '{entry.Name}' without a path");
                string full = Inside(path, data, item, $"manifest item '{entry.Name}'");
                if (entry.Name == rootId)
                {
                    model = full;
                }
                else if (String(entry.Value, "name") == "weights" && String(entry.Value, "author") == MlPackageLayout.Author)
                {
                    weights = full;
                }
            }

            return (model ?? throw Bad(path, $"names root model '{rootId}', which is not among its items"), weights);
        }
    }

    /// <summary>Resolves <paramref name="relative"/> under <paramref name="data"/>; it must stay inside and cross no link.</summary>
    private static string Inside(string path, string data, string relative, string what)
    {
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal))
        {
            throw Bad(path, $"{what} has path '{relative}'; item paths are relative to Data/ inside the package");
        }

        return Contained(path, data, Path.GetFullPath(Path.Combine(data, relative)), relative, what);
    }

    private static string Contained(string path, string data, string full, string relative, string what)
    {
        if (!full.StartsWith(data + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Bad(path, $"{what} has path '{relative}', which leaves the package");
        }

        // A symbolic link inside the package could point anywhere; Apple's tools never write one.
        for (string? p = full; p is not null && p.Length > data.Length; p = Path.GetDirectoryName(p))
        {
            var info = new FileInfo(p);
            if (info.Exists || Directory.Exists(p))
            {
                if (info.LinkTarget is not null || new DirectoryInfo(p).LinkTarget is not null)
                {
                    throw Bad(path, $"{what} ('{relative}') goes through a symbolic link; packages hold plain files");
                }
            }
        }

        return full;
    }

    private static byte[] ReadBounded(string path, string file, long max)
    {
        if (!File.Exists(file))
        {
            throw Bad(path, $"lacks {Path.GetRelativePath(path, file)}");
        }

        long length = new FileInfo(file).Length;
        if (length > max)
        {
            throw Bad(path, $"has a {length}-byte {Path.GetFileName(file)}, over the {max}-byte limit");
        }

        return File.ReadAllBytes(file);
    }

    private static Model ParseModel(string path, byte[] bytes)
    {
        Model model;
        try
        {
            model = Model.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Bad(path, $"holds a model.mlmodel that is not a Core ML model ({e.Message.ReplaceLineEndings(" ")})");
        }

        if (model.Description is null || model.MlProgram is null)
        {
            throw Bad(path, "holds a model.mlmodel that is not an ML Program (no description or no mlProgram)");
        }

        return model;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static InvalidDataException Bad(string path, string problem) => new($"'{path}' {problem}; re-export it with painterly export --format mlpackage.");
}
