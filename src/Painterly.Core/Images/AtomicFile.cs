namespace Painterly.Core.Images;

/// <summary>
/// Writes a file so that readers see the old content or the complete new content, never half of it:
/// the bytes go to a temporary file in the same directory (same file system, so the rename is atomic), then
/// it replaces the target. On any failure the temporary file is deleted and the target is untouched.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} is not a file path.", nameof(path));
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);

                // Without this a crash after the rename can leave an empty file under the final name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // The original error matters more than a leftover temporary file.
            }
            catch (UnauthorizedAccessException)
            {
            }

            throw;
        }
    }
}
