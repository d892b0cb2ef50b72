using System.IO.Compression;
using System.Text.Json;
using Google.Protobuf;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Writes an <see cref="MlPackage"/> as an <c>.mlpackage</c> folder: <c>Manifest.json</c>,
/// <c>Data/com.apple.CoreML/model.mlmodel</c> and <c>Data/com.apple.CoreML/weights/weight.bin</c>. The folder is
/// written under a temporary name beside the target and moved into place, so a failure leaves no half package.
/// </summary>
public static class MlPackageWriter
{
    /// <summary>Writes <paramref name="package"/> to the folder <paramref name="path"/>, replacing a package there.</summary>
    /// <exception cref="IOException"><paramref name="path"/> is a file, or the folder cannot be written.</exception>
    public static void Write(string path, MlPackage package)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(package);
        string target = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(target))
        {
            throw new IOException($"'{path}' is a file; an .mlpackage is a folder. Remove the file or give another name.");
        }

        string parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        string name = Path.GetFileName(target);
        string temp = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            WriteContents(temp, package);
            Replace(temp, target, parent, name);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="package"/> as a zip archive whose one top folder is <paramref name="folderName"/>
    /// (e.g. <c>Style.mlpackage</c>), for downloads: unzipped, it is the package.
    /// </summary>
    public static void WriteZip(Stream stream, MlPackage package, string folderName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(package);
        ArgumentException.ThrowIfNullOrEmpty(folderName);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (relative, bytes) in Files(package))
        {
            var entry = zip.CreateEntry($"{folderName}/{relative}", CompressionLevel.Optimal);
            using var entryStream = entry.Open();
            entryStream.Write(bytes);
        }
    }

    /// <summary>The package's files: path relative to the package folder ('/' separated) and contents.</summary>
    internal static IEnumerable<(string Path, byte[] Bytes)> Files(MlPackage package)
    {
        yield return (MlPackageLayout.Manifest, Manifest());
        yield return ($"{MlPackageLayout.DataFolder}/{MlPackageLayout.ModelPath}", package.Model.ToByteArray());
        yield return ($"{MlPackageLayout.DataFolder}/{MlPackageLayout.WeightsPath}/{MlPackageLayout.WeightsFile}", package.Weights);
    }

    private static void WriteContents(string folder, MlPackage package)
    {
        foreach (var (relative, bytes) in Files(package))
        {
            string file = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
        }
    }

    /// <summary>Manifest.json as Apple's tools write it: two items (specification, weights), the first the root.</summary>
    internal static byte[] Manifest()
    {
        string modelId = Guid.NewGuid().ToString().ToUpperInvariant(), weightsId = Guid.NewGuid().ToString().ToUpperInvariant();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("fileFormatVersion", MlPackageLayout.FileFormatVersion);
            json.WriteStartObject("itemInfoEntries");
            WriteItem(json, modelId, MlPackageLayout.ModelDescription, "model.mlmodel", MlPackageLayout.ModelPath);
            WriteItem(json, weightsId, MlPackageLayout.WeightsDescription, "weights", MlPackageLayout.WeightsPath);
            json.WriteEndObject();
            json.WriteString("rootModelIdentifier", modelId);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter json, string id, string description, string name, string path)
    {
        json.WriteStartObject(id);
        json.WriteString("author", MlPackageLayout.Author);
        json.WriteString("description", description);
        json.WriteString("name", name);
        json.WriteString("path", path);
        json.WriteEndObject();
    }

    /// <summary>Moves the finished folder to the target; an old package there is moved aside first and then deleted.</summary>
    private static void Replace(string temp, string target, string parent, string name)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }

        string old = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        Directory.Delete(old, recursive: true);
    }
}
