namespace Painterly.ElfPatcher.Tests;

/// <summary>A synthetic ELF file and where its parts lie, so tests can corrupt them precisely.</summary>
internal sealed record ElfImage(byte[] Bytes, int VersionNeedsOffset, int VersionDefinitionsOffset, int SectionHeadersOffset)
{
    /// <summary>The section header of section <paramref name="index"/>.</summary>
    public int SectionHeaderOffset(int index) => SectionHeadersOffset + (index * 64);
}
