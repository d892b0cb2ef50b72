namespace Painterly.ElfPatcher;

/// <summary>Bits of vna_flags and vd_flags.</summary>
internal static class ElfVersionFlags
{
    /// <summary>VER_FLG_BASE: the definition names the file itself rather than a version.</summary>
    public const ushort Base = 0x1;

    /// <summary>VER_FLG_WEAK: the dynamic loader does not fail when the dependency lacks this version.</summary>
    public const ushort Weak = 0x2;
}
