using System.Buffers.Binary;
using System.Text;

namespace Painterly.ElfPatcher.Tests;

/// <summary>
/// Writes a minimal but valid ELF64 little-endian shared object: header, .dynstr, .gnu.version_r,
/// .gnu.version_d, .shstrtab and a section header table, laid out the way GNU ld does.
/// </summary>
internal sealed class ElfImageBuilder
{
    public const int DynStrIndex = 1;
    public const int VersionNeedsIndex = 2;

    private readonly List<(string File, List<(string Version, ushort Flags)> Versions)> _needs = [];
    private readonly List<(string Name, ushort Flags)> _definitions = [];

    /// <summary>Requires <paramref name="version"/> of <paramref name="file"/>.</summary>
    public ElfImageBuilder Need(string file, string version, ushort flags = 0)
    {
        var entry = _needs.Find(n => n.File == file);
        if (entry.Versions is null)
        {
            entry = (file, []);
            _needs.Add(entry);
        }

        entry.Versions.Add((version, flags));
        return this;
    }

    /// <summary>Defines <paramref name="name"/> (flags 1 makes it the base entry naming the file).</summary>
    public ElfImageBuilder Define(string name, ushort flags = 0)
    {
        _definitions.Add((name, flags));
        return this;
    }

    /// <summary>The usual shape of a library that needs libstdc++ and libc.</summary>
    public static ElfImageBuilder TorchSharpLike() => new ElfImageBuilder()
        .Need("libc.so.6", "GLIBC_2.34")
        .Need("libc.so.6", "GLIBC_2.2.5")
        .Need("libstdc++.so.6", "GLIBCXX_3.4.30")
        .Need("libstdc++.so.6", "GLIBCXX_3.4.32")
        .Need("libstdc++.so.6", "CXXABI_1.3")
        .Need("libstdc++.so.6", "GLIBCXX_3.4");

    /// <summary>A libstdc++ that defines GLIBCXX_3.4 up to GLIBCXX_3.4.<paramref name="newest"/>.</summary>
    public static ElfImageBuilder LibStdCxx(int newest)
    {
        var builder = new ElfImageBuilder().Define("libstdc++.so.6", flags: 1).Define("GLIBCXX_3.4");
        for (int minor = 1; minor <= newest; minor++)
        {
            builder.Define($"GLIBCXX_3.4.{minor}");
        }

        return builder.Define("CXXABI_1.3");
    }

    public ElfImage Build()
    {
        var dynstr = new StringTable();
        var shstrtab = new StringTable();
        var image = new MemoryStream();
        image.Write(new byte[64]);

        int dynstrOffset = (int)image.Length;
        byte[] verneed = WriteVersionNeeds(dynstr);
        byte[] verdef = WriteVersionDefinitions(dynstr);
        image.Write(dynstr.Bytes);

        int verneedOffset = Align(image, 8);
        image.Write(verneed);
        int verdefOffset = Align(image, 8);
        image.Write(verdef);
        int shstrtabNames = (int)image.Length;
        var sections = new List<byte[]>
        {
            new byte[64],
            SectionHeader(shstrtab.Add(".dynstr"), 3, 2, dynstrOffset, dynstr.Bytes.Length, 0, 0, 1),
            SectionHeader(shstrtab.Add(".gnu.version_r"), 0x6ffffffe, 2, verneedOffset, verneed.Length, DynStrIndex, _needs.Count, 8),
            SectionHeader(shstrtab.Add(".gnu.version_d"), 0x6ffffffd, 2, verdefOffset, verdef.Length, DynStrIndex, _definitions.Count, 8),
        };
        int shstrtabNameOffset = shstrtab.Add(".shstrtab");
        image.Write(shstrtab.Bytes);
        sections.Add(SectionHeader(shstrtabNameOffset, 3, 0, shstrtabNames, shstrtab.Bytes.Length, 0, 0, 1));

        int sectionHeaders = Align(image, 8);
        foreach (byte[] header in sections)
        {
            image.Write(header);
        }

        byte[] bytes = image.ToArray();
        WriteHeader(bytes, sectionHeaders, sections.Count, shstrndx: sections.Count - 1);
        return new ElfImage(bytes, verneedOffset, verdefOffset, sectionHeaders);
    }

    private byte[] WriteVersionNeeds(StringTable dynstr)
    {
        var section = new MemoryStream();
        ushort index = 2;
        for (int i = 0; i < _needs.Count; i++)
        {
            var (file, versions) = _needs[i];
            int next = i + 1 < _needs.Count ? 16 + (16 * versions.Count) : 0;
            section.Write(Record16(1, (ushort)versions.Count, (uint)dynstr.Add(file), 16, (uint)next));
            for (int j = 0; j < versions.Count; j++)
            {
                var (version, flags) = versions[j];
                byte[] aux = new byte[16];
                BinaryPrimitives.WriteUInt32LittleEndian(aux, ElfHash(version));
                BinaryPrimitives.WriteUInt16LittleEndian(aux.AsSpan(4), flags);
                BinaryPrimitives.WriteUInt16LittleEndian(aux.AsSpan(6), index++);
                BinaryPrimitives.WriteUInt32LittleEndian(aux.AsSpan(8), (uint)dynstr.Add(version));
                BinaryPrimitives.WriteUInt32LittleEndian(aux.AsSpan(12), j + 1 < versions.Count ? 16u : 0u);
                section.Write(aux);
            }
        }

        return section.ToArray();
    }

    private byte[] WriteVersionDefinitions(StringTable dynstr)
    {
        var section = new MemoryStream();
        for (int i = 0; i < _definitions.Count; i++)
        {
            var (name, flags) = _definitions[i];
            byte[] def = new byte[28];
            BinaryPrimitives.WriteUInt16LittleEndian(def, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(def.AsSpan(2), flags);
            BinaryPrimitives.WriteUInt16LittleEndian(def.AsSpan(4), (ushort)(i + 1));
            BinaryPrimitives.WriteUInt16LittleEndian(def.AsSpan(6), 1);
            BinaryPrimitives.WriteUInt32LittleEndian(def.AsSpan(8), ElfHash(name));
            BinaryPrimitives.WriteUInt32LittleEndian(def.AsSpan(12), 20);
            BinaryPrimitives.WriteUInt32LittleEndian(def.AsSpan(16), i + 1 < _definitions.Count ? 28u : 0u);
            BinaryPrimitives.WriteUInt32LittleEndian(def.AsSpan(20), (uint)dynstr.Add(name));
            section.Write(def);
        }

        return section.ToArray();
    }

    private static byte[] Record16(ushort a, ushort b, uint c, uint d, uint e)
    {
        byte[] record = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(record, a);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(2), b);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), c);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), d);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), e);
        return record;
    }

    private static byte[] SectionHeader(int name, uint type, ulong flags, int offset, int size, int link, int info, ulong align)
    {
        byte[] header = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)name);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(24), (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)link);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(44), (uint)info);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(48), align);
        return header;
    }

    private static void WriteHeader(byte[] bytes, int sectionHeaders, int sectionCount, int shstrndx)
    {
        bytes[0] = 0x7f;
        "ELF"u8.CopyTo(bytes.AsSpan(1));
        bytes[4] = 2; // ELFCLASS64
        bytes[5] = 1; // ELFDATA2LSB
        bytes[6] = 1; // EV_CURRENT
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(16), 3); // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(18), 62); // EM_X86_64
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(40), (ulong)sectionHeaders);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(52), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(54), 56);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(58), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(60), (ushort)sectionCount);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(62), (ushort)shstrndx);
    }

    private static int Align(MemoryStream stream, int alignment)
    {
        while (stream.Length % alignment != 0)
        {
            stream.WriteByte(0);
        }

        return (int)stream.Length;
    }

    // The SysV ELF hash stored in vna_hash and vd_hash.
    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (byte c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0)
            {
                h ^= g >> 24;
            }

            h &= ~g;
        }

        return h;
    }

    private sealed class StringTable
    {
        // Offset 0 is the empty string.
        private readonly List<byte> _bytes = [0];
        private readonly Dictionary<string, int> _offsets = [];

        public byte[] Bytes => [.. _bytes];

        public int Add(string value)
        {
            if (!_offsets.TryGetValue(value, out int offset))
            {
                offset = _bytes.Count;
                _bytes.AddRange(Encoding.ASCII.GetBytes(value));
                _bytes.Add(0);
                _offsets[value] = offset;
            }

            return offset;
        }
    }
}
