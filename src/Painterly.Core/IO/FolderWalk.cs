namespace Painterly.Core.IO;

/// <summary>
/// Lists the files under a folder, recursively, without following links to folders: a link back into the tree
/// (<c>ln -s . loop</c>) would otherwise repeat the tree until the path grows too long, and a link out of it would
/// take in folders nobody asked for. Links to files are listed like files, broken ones too.
/// </summary>
public static class FolderWalk
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The files under <paramref name="root"/> (the root itself may be a link), in no set order.</summary>
    public static IEnumerable<string> Files(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneLevel))
            {
                if (entry is FileInfo)
                {
                    // A broken link is listed, so that its photo is reported missing rather than silently left out.
                    if (entry.LinkTarget is null || !Directory.Exists(entry.FullName))
                    {
                        yield return Path.Combine(folder, entry.Name);
                    }
                }
                else if (entry.LinkTarget is null)
                {
                    pending.Push(Path.Combine(folder, entry.Name));
                }
            }
        }
    }
}
