using System.Text;

namespace Painterly.ElfPatcher;

/// <summary>
/// An ELF64 little-endian file held in memory: its section header table, and bounds-checked access to
/// section contents and strings. Every offset and count the file states is checked against the file length.
/// </summary>
internal sealed class ElfFile
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;
    private const byte ClassElf64 = 2;
    private const byte DataLittleEndian = 1;
    private const byte CurrentVersion = 1;
    private const uint NullSectionType = 0;

    private ElfFile(byte[] image, IReadOnlyList<ElfSection> sections)
    {
        Bytes = new ElfBytes(image);
        Sections = sections;
    }

    /// <summary>The section header table, in file order.</summary>
    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>Bounds-checked reads over the whole file.</summary>
    public ElfBytes Bytes { get; }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static ElfFile Read(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Parses an ELF64 little-endian image; throws <see cref="ElfFormatException"/> if it is not one.</summary>
    public static ElfFile Parse(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var bytes = new ElfBytes(image);
        ReadOnlySpan<byte> ident = bytes.Slice(0, 16, "ELF identification");
        if (ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
        {
            throw new ElfFormatException("Not an ELF file (bad magic).");
        }

        if (ident[4] != ClassElf64 || ident[5] != DataLittleEndian || ident[6] != CurrentVersion)
        {
            throw new ElfFormatException("Only ELF64 little-endian version 1 files are supported.");
        }

        _ = bytes.Slice(0, HeaderSize, "ELF header");
        return new ElfFile(image, ReadSections(bytes));
    }

    /// <summary>The sections whose sh_type is <paramref name="type"/>.</summary>
    public IEnumerable<ElfSection> SectionsOfType(uint type) => Sections.Where(s => s.Type == type);

    /// <summary>The string table that <paramref name="section"/>'s sh_link names.</summary>
    public ElfSection LinkedStringTable(ElfSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.Link >= Sections.Count)
        {
            throw new ElfFormatException($"Section {section.Index} links to section {section.Link}, but there are only {Sections.Count}.");
        }

        ElfSection table = Sections[(int)section.Link];
        if (table.Type != ElfSectionTypes.StringTable)
        {
            throw new ElfFormatException($"Section {section.Index} links to section {table.Index}, which is not a string table.");
        }

        return table;
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> in <paramref name="table"/>; the NUL must lie inside the table.</summary>
    public string ReadString(ElfSection table, uint offset, string what)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (offset >= table.Size)
        {
            throw new ElfFormatException($"{what}: string offset {offset} is past the end of string table section {table.Index} ({table.Size} bytes).");
        }

        ReadOnlySpan<byte> rest = Bytes.Slice(table.Offset + offset, table.Size - offset, what);
        int length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            throw new ElfFormatException($"{what}: string at offset {offset} in section {table.Index} is not NUL-terminated.");
        }

        return Encoding.UTF8.GetString(rest[..length]);
    }

    private static List<ElfSection> ReadSections(ElfBytes bytes)
    {
        ulong tableOffset = bytes.U64(40, "e_shoff");
        ushort entrySize = bytes.U16(58, "e_shentsize");
        long count = bytes.U16(60, "e_shnum");
        if (tableOffset == 0)
        {
            return [];
        }

        if (entrySize < SectionHeaderSize)
        {
            throw new ElfFormatException($"e_shentsize {entrySize} is smaller than a section header ({SectionHeaderSize} bytes).");
        }

        if (tableOffset > (ulong)bytes.Length)
        {
            throw new ElfFormatException($"Section header table offset {tableOffset} is past the end of the file ({bytes.Length} bytes).");
        }

        long start = (long)tableOffset;
        if (count == 0)
        {
            // Extended numbering: a file with 0xff00 or more sections keeps the count in section 0's sh_size.
            count = (long)Math.Min(bytes.U64(start + 32, "extended section count"), long.MaxValue);
        }

        // Checked before allocating, so a lying count cannot make us allocate more than the file holds.
        if (count > (bytes.Length - start) / entrySize)
        {
            throw new ElfFormatException($"Section header table ({count} entries of {entrySize} bytes at offset {start}) runs past the end of the file ({bytes.Length} bytes).");
        }

        var sections = new List<ElfSection>((int)count);
        for (int i = 0; i < count; i++)
        {
            sections.Add(ReadSection(bytes, i, start + ((long)i * entrySize)));
        }

        return sections;
    }

    private static ElfSection ReadSection(ElfBytes bytes, int index, long at)
    {
        uint type = bytes.U32(at + 4, "sh_type");
        ulong offset = bytes.U64(at + 24, "sh_offset");
        ulong size = bytes.U64(at + 32, "sh_size");
        uint link = bytes.U32(at + 40, "sh_link");
        uint info = bytes.U32(at + 44, "sh_info");
        if (type is NullSectionType or ElfSectionTypes.NoBits)
        {
            // These occupy no file bytes; section 0's sh_size may hold the extended section count.
            return new ElfSection(index, type, 0, 0, link, info);
        }

        if (offset > (ulong)bytes.Length || size > (ulong)bytes.Length - offset)
        {
            throw new ElfFormatException($"Section {index} (offset {offset}, {size} bytes) runs past the end of the file ({bytes.Length} bytes).");
        }

        return new ElfSection(index, type, (long)offset, (long)size, link, info);
    }
}
