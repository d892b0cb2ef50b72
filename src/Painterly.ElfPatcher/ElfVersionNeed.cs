namespace Painterly.ElfPatcher;

/// <summary>One symbol version a file requires of a dependency (an Elf64_Vernaux entry).</summary>
/// <param name="FileName">The dependency that must provide it (vn_file), e.g. libstdc++.so.6.</param>
/// <param name="VersionName">The version (vna_name), e.g. GLIBCXX_3.4.32.</param>
/// <param name="Flags">vna_flags; see <see cref="ElfVersionFlags"/>.</param>
/// <param name="FlagsOffset">File offset of the two-byte vna_flags field.</param>
internal sealed record ElfVersionNeed(string FileName, string VersionName, ushort Flags, long FlagsOffset)
{
    /// <summary>Whether the loader tolerates the dependency lacking this version.</summary>
    public bool IsWeak => (Flags & ElfVersionFlags.Weak) != 0;
}
