namespace Painterly.ElfPatcher;

/// <summary>Reads the versions a file provides from its SHT_GNU_verdef sections.</summary>
internal static class ElfVersionDefinitions
{
    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;

    /// <summary>Every defined version, in file order, including the base entry naming the file itself.</summary>
    public static IReadOnlyList<ElfVersionDefinition> Read(ElfFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var definitions = new List<ElfVersionDefinition>();
        foreach (ElfSection section in file.SectionsOfType(ElfSectionTypes.GnuVersionDefinitions))
        {
            ReadSection(file, section, definitions);
        }

        return definitions;
    }

    private static void ReadSection(ElfFile file, ElfSection section, List<ElfVersionDefinition> definitions)
    {
        ElfSection strings = file.LinkedStringTable(section);
        ElfBytes bytes = file.Bytes;
        var chain = new VersionChain(section, VerdauxSize);
        long entry = section.Offset;
        for (uint i = 0; i < section.Info; i++)
        {
            chain.Visit(entry, VerdefSize, "Verdef");
            ushort version = bytes.U16(entry, "vd_version");
            if (version != 1)
            {
                throw new ElfFormatException($"Verdef at offset {entry} has unsupported vd_version {version}.");
            }

            ushort flags = bytes.U16(entry + 2, "vd_flags");
            ushort index = bytes.U16(entry + 4, "vd_ndx");
            ushort auxCount = bytes.U16(entry + 6, "vd_cnt");
            if (auxCount == 0)
            {
                throw new ElfFormatException($"Verdef at offset {entry} has no name (vd_cnt is 0).");
            }

            // The first Verdaux names the version; later ones name its parents, which we do not need.
            long aux = VersionChain.First(entry, bytes.U32(entry + 12, "vd_aux"), VerdefSize, auxCount, "vd_aux");
            chain.Visit(aux, VerdauxSize, "Verdaux");
            string name = file.ReadString(strings, bytes.U32(aux, "vda_name"), "vda_name");
            definitions.Add(new ElfVersionDefinition(name, flags, index));
            entry = VersionChain.Next(entry, bytes.U32(entry + 16, "vd_next"), VerdefSize, i + 1 < section.Info, "vd_next");
        }
    }
}
