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

    private static void WriteContents(string folder, MlPackage package)
    {
        string data = Path.Combine(folder, MlPackageLayout.DataFolder);
        string weights = Path.Combine(data, MlPackageLayout.WeightsPath);
        Directory.CreateDirectory(weights);
        using (var model = File.Create(Path.Combine(data, MlPackageLayout.ModelPath)))
        {
            package.Model.WriteTo(model);
        }

        File.WriteAllBytes(Path.Combine(weights, MlPackageLayout.WeightsFile), package.Weights);
        File.WriteAllBytes(Path.Combine(folder, MlPackageLayout.Manifest), Manifest());
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
