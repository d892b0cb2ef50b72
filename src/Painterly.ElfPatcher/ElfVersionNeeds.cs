namespace Painterly.ElfPatcher;

/// <summary>Reads the versions a file requires from its SHT_GNU_verneed sections.</summary>
internal static class ElfVersionNeeds
{
    // Elf64_Verneed and Elf64_Vernaux are both 16 bytes.
    private const int RecordSize = 16;

    /// <summary>Every required version, in file order.</summary>
    public static IReadOnlyList<ElfVersionNeed> Read(ElfFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var needs = new List<ElfVersionNeed>();
        foreach (ElfSection section in file.SectionsOfType(ElfSectionTypes.GnuVersionNeeds))
        {
            ReadSection(file, section, needs);
        }

        return needs;
    }

    private static void ReadSection(ElfFile file, ElfSection section, List<ElfVersionNeed> needs)
    {
        ElfSection strings = file.LinkedStringTable(section);
        ElfBytes bytes = file.Bytes;
        var chain = new VersionChain(section, RecordSize);
        long entry = section.Offset;
        for (uint i = 0; i < section.Info; i++)
        {
            chain.Visit(entry, RecordSize, "Verneed");
            ushort version = bytes.U16(entry, "vn_version");
            if (version != 1)
            {
                throw new ElfFormatException($"Verneed at offset {entry} has unsupported vn_version {version}.");
            }

            ushort auxCount = bytes.U16(entry + 2, "vn_cnt");
            string fileName = file.ReadString(strings, bytes.U32(entry + 4, "vn_file"), "vn_file");
            long aux = VersionChain.First(entry, bytes.U32(entry + 8, "vn_aux"), RecordSize, auxCount, "vn_aux");
            for (int j = 0; j < auxCount; j++)
            {
                chain.Visit(aux, RecordSize, "Vernaux");
                ushort flags = bytes.U16(aux + 4, "vna_flags");
                string versionName = file.ReadString(strings, bytes.U32(aux + 8, "vna_name"), "vna_name");
                needs.Add(new ElfVersionNeed(fileName, versionName, flags, aux + 4));
                aux = VersionChain.Next(aux, bytes.U32(aux + 12, "vna_next"), RecordSize, j + 1 < auxCount, "vna_next");
            }

            entry = VersionChain.Next(entry, bytes.U32(entry + 12, "vn_next"), RecordSize, i + 1 < section.Info, "vn_next");
        }
    }
}
