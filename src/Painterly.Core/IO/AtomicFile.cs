namespace Painterly.Core.IO;

/// <summary>Writes a file so that readers see either the old file or the complete new one, never a part.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Runs <paramref name="write"/> on a temporary file in the target's directory (so the rename stays on one
    /// file system), flushes it to disk, then renames it over <paramref name="path"/>. On any failure the
    /// temporary file is deleted and <paramref name="path"/> is left as it was.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot write {path}: the folder {directory} does not exist.");
        }

        FileStream created;
        try
        {
            created = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        }
        catch (UnauthorizedAccessException e)
        {
            // The message would name the hidden temporary file, which the user never asked for.
            throw new UnauthorizedAccessException($"Cannot write {path}: no permission to create files in {directory}.", e);
        }

        try
        {
            using (var stream = created)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch
        {
            // Best effort: the original error is the one worth reporting.
        }
    }
}
