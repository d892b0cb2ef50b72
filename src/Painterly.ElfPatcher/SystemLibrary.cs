namespace Painterly.ElfPatcher;

/// <summary>The system library a target depends on (libstdc++.so.6 by default) and the versions it defines.</summary>
/// <param name="Path">Where it was read from.</param>
/// <param name="SoName">The name dependants require it by (its base version definition), or null if it has none.</param>
/// <param name="Versions">The version names it defines.</param>
internal sealed record SystemLibrary(string Path, string? SoName, IReadOnlySet<string> Versions)
{
    /// <summary>The file name looked for when no system library is given.</summary>
    public const string DefaultName = "libstdc++.so.6";

    /// <summary>Reads <paramref name="path"/>, or the system's libstdc++.so.6 when it is null.</summary>
    public static SystemLibrary Load(string? path)
    {
        string resolved = path
            ?? SystemLibraryLocator.Find(DefaultName)
            ?? throw new FileNotFoundException($"Cannot find {DefaultName}; pass --system-lib <path>.");
        IReadOnlyList<ElfVersionDefinition> definitions = ElfVersionDefinitions.Read(ElfFile.Read(resolved));
        return new SystemLibrary(
            resolved,
            definitions.FirstOrDefault(d => d.IsBase)?.Name,
            definitions.Where(d => !d.IsBase).Select(d => d.Name).ToHashSet(StringComparer.Ordinal));
    }
}
