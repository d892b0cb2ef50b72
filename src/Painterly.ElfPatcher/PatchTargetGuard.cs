namespace Painterly.ElfPatcher;

/// <summary>
/// Refuses to patch files shared beyond one build output: a NuGet package cache (patching there would silently
/// change every project using the package) and the system library directories (the loader's own libraries).
/// </summary>
internal static class PatchTargetGuard
{
    private const string DefaultCacheSegment = "/.nuget/packages/";

    private static readonly string[] s_systemDirectories =
        ["/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/"];

    /// <summary>Whether <paramref name="path"/> lies in ~/.nuget/packages or under <paramref name="packagesRoot"/> (NUGET_PACKAGES).</summary>
    public static bool IsInPackageCache(string path, string? packagesRoot)
    {
        string full = FullPath(path);
        if (full.Contains(DefaultCacheSegment, StringComparison.Ordinal))
        {
            return true;
        }

        return !string.IsNullOrWhiteSpace(packagesRoot)
            && full.StartsWith(FullPath(Path.TrimEndingDirectorySeparator(Path.GetFullPath(packagesRoot))) + "/", StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="path"/> lies in a directory the dynamic loader takes system libraries from.</summary>
    public static bool IsInSystemLibraryDirectory(string path)
    {
        string full = FullPath(path);
        return s_systemDirectories.Any(d => full.StartsWith(d, StringComparison.Ordinal));
    }

    /// <summary>Throws if <paramref name="path"/> must not be patched, given this process's NUGET_PACKAGES.</summary>
    public static void ThrowIfProtected(string path)
    {
        if (IsInPackageCache(path, Environment.GetEnvironmentVariable("NUGET_PACKAGES")))
        {
            throw new InvalidOperationException($"Refusing to modify {path}: it is inside a NuGet package cache; patch the copy in the build output instead.");
        }

        if (IsInSystemLibraryDirectory(path))
        {
            throw new InvalidOperationException($"Refusing to modify {path}: it is a system library; patch the copy in the build output instead.");
        }
    }

    private static string FullPath(string path) => Path.GetFullPath(path).Replace('\\', '/');
}
