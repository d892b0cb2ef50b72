using System.Buffers.Binary;

namespace Painterly.ElfPatcher;

/// <summary>Marks a required symbol version weak (VER_FLG_WEAK), so ld.so loads the file even when the dependency lacks it.</summary>
internal static class WeakVersionPatcher
{
    /// <summary>
    /// Sets VER_FLG_WEAK on every Vernaux entry of <paramref name="path"/> named <paramref name="versionName"/>.
    /// Returns false, leaving the file untouched, when no such entry exists or all are weak already.
    /// </summary>
    public static bool Patch(string path, string versionName) => Patch(path, versionName, dependency: null);

    /// <summary>
    /// As <see cref="Patch(string, string)"/>, but only for entries required of <paramref name="dependency"/>
    /// (a vn_file such as libstdc++.so.6), or of any dependency when it is null.
    /// </summary>
    public static bool Patch(string path, string versionName, string? dependency)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(versionName);
        PatchTargetGuard.ThrowIfProtected(path);

        byte[] image = File.ReadAllBytes(path);
        List<ElfVersionNeed> targets = ElfVersionNeeds.Read(ElfFile.Parse(image))
            .Where(n => n.VersionName == versionName && !n.IsWeak && (dependency is null || n.FileName == dependency))
            .ToList();
        if (targets.Count == 0)
        {
            return false;
        }

        foreach (ElfVersionNeed need in targets)
        {
            var flags = (ushort)(need.Flags | ElfVersionFlags.Weak);
            BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)need.FlagsOffset, 2), flags);
        }

        Replace(path, image);
        return true;
    }

    /// <summary>
    /// Writes a new file and renames it over <paramref name="path"/> rather than writing through it: if the output
    /// copy is a hard link or symlink into the package cache, only the link is replaced and the cache stays intact.
    /// </summary>
    private static void Replace(string path, byte[] image)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(image);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            }

            // Same size and timestamp as the pristine package file, so MSBuild's unchanged-file check keeps this
            // copy on incremental builds instead of recopying and repatching every time.
            File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(full));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
