namespace Painterly.ElfPatcher.Tests;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("elfpatcher-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relativePath"/>, creating folders, and returns the full path.</summary>
    public string Write(string relativePath, byte[] bytes)
    {
        string full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
