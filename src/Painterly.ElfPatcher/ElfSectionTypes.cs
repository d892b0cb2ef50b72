namespace Painterly.ElfPatcher;

/// <summary>The sh_type values this tool cares about.</summary>
internal static class ElfSectionTypes
{
    /// <summary>SHT_STRTAB: a string table.</summary>
    public const uint StringTable = 3;

    /// <summary>SHT_NOBITS: occupies no file bytes (e.g. .bss).</summary>
    public const uint NoBits = 8;

    /// <summary>SHT_GNU_verdef: versions the file provides.</summary>
    public const uint GnuVersionDefinitions = 0x6ffffffd;

    /// <summary>SHT_GNU_verneed: versions the file requires of its dependencies.</summary>
    public const uint GnuVersionNeeds = 0x6ffffffe;
}
