namespace Painterly.ElfPatcher;

/// <summary>One symbol version a file provides (an Elf64_Verdef entry and its first Verdaux name).</summary>
/// <param name="Name">The version name, e.g. GLIBCXX_3.4.30 (or the file's soname for the base entry).</param>
/// <param name="Flags">vd_flags; see <see cref="ElfVersionFlags"/>.</param>
/// <param name="Index">vd_ndx, the index symbols use to refer to this version.</param>
internal sealed record ElfVersionDefinition(string Name, ushort Flags, ushort Index)
{
    /// <summary>Whether this entry names the file itself rather than a version.</summary>
    public bool IsBase => (Flags & ElfVersionFlags.Base) != 0;
}
