namespace Painterly.ElfPatcher;

/// <summary>One entry of the section header table; offsets and sizes are already checked to lie inside the file.</summary>
/// <param name="Index">Position in the section header table.</param>
/// <param name="Type">sh_type, e.g. <see cref="ElfSectionTypes.GnuVersionNeeds"/>.</param>
/// <param name="Offset">sh_offset: where the section's bytes start in the file.</param>
/// <param name="Size">sh_size in bytes.</param>
/// <param name="Link">sh_link: for version sections, the index of their string table.</param>
/// <param name="Info">sh_info: for version sections, the number of entries.</param>
internal sealed record ElfSection(int Index, uint Type, long Offset, long Size, uint Link, uint Info);
