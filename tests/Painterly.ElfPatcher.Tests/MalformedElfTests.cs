using System.Buffers.Binary;

namespace Painterly.ElfPatcher.Tests;

/// <summary>Truncated and lying files must fail with <see cref="ElfFormatException"/>, never an out-of-range read.</summary>
public class MalformedElfTests
{
    private static readonly ElfImage s_library = ElfImageBuilder.TorchSharpLike().Build();

    [Fact]
    public void EveryTruncationIsRejected()
    {
        byte[] whole = ElfImageBuilder.TorchSharpLike().Define("libLibTorchSharp.so", flags: 1).Build().Bytes;
        for (int length = 0; length < whole.Length; length++)
        {
            byte[] truncated = whole[..length];
            Assert.Throws<ElfFormatException>(() => ReadAll(truncated));
        }
    }

    [Fact]
    public void EverySingleByteCorruptionIsReadOrRejectedCleanly()
    {
        byte[] whole = ElfImageBuilder.TorchSharpLike().Define("libLibTorchSharp.so", flags: 1).Build().Bytes;
        foreach (byte value in new byte[] { 0x00, 0x01, 0x0f, 0x7f, 0x80, 0xff })
        {
            for (int i = 0; i < whole.Length; i++)
            {
                byte[] corrupt = (byte[])whole.Clone();
                corrupt[i] = value;
                try
                {
                    ReadAll(corrupt);
                }
                catch (ElfFormatException)
                {
                    // Rejected with a clear message: fine.
                }
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'X' }, "magic")]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1 }, "ELF64")]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 2, 1 }, "little-endian")]
    public void RejectsFilesThatAreNotElf64LittleEndian(byte[] ident, string expected)
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        ident.CopyTo(image, 0);

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(image));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsASectionCountBeyondTheFile()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(60), 0xffff);

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(image));

        Assert.Contains("runs past the end of the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnExtendedSectionCountBeyondTheFile()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(60), 0);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(s_library.SectionHeaderOffset(0) + 32), ulong.MaxValue);

        Assert.Throws<ElfFormatException>(() => ElfFile.Parse(image));
    }

    [Fact]
    public void RejectsASectionHeaderTableOffsetPastTheEnd()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(40), ulong.MaxValue - 8);

        Assert.Throws<ElfFormatException>(() => ElfFile.Parse(image));
    }

    [Theory]
    [InlineData(24, ulong.MaxValue)] // sh_offset
    [InlineData(32, ulong.MaxValue)] // sh_size
    [InlineData(32, 1UL << 20)]
    public void RejectsAVersionSectionPastTheEnd(int field, ulong value)
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(s_library.SectionHeaderOffset(ElfImageBuilder.VersionNeedsIndex) + field), value);

        var error = Assert.Throws<ElfFormatException>(() => ElfFile.Parse(image));

        Assert.Contains("runs past the end of the file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99u)]
    [InlineData(ElfImageBuilder.VersionNeedsIndex)]
    public void RejectsALinkThatIsNotAStringTable(uint link)
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(s_library.SectionHeaderOffset(ElfImageBuilder.VersionNeedsIndex) + 40), link);

        Assert.Throws<ElfFormatException>(() => ReadNeeds(image));
    }

    [Fact]
    public void RejectsMoreVerneedEntriesThanTheSectionHolds()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(s_library.SectionHeaderOffset(ElfImageBuilder.VersionNeedsIndex) + 44), uint.MaxValue);

        Assert.Throws<ElfFormatException>(() => ReadNeeds(image));
    }

    [Fact]
    public void RejectsAVnAuxOffsetPastTheSection()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(s_library.VersionNeedsOffset + 8), uint.MaxValue);

        var error = Assert.Throws<ElfFormatException>(() => ReadNeeds(image));

        Assert.Contains("outside its section", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAVnCntLargerThanTheChain()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(s_library.VersionNeedsOffset + 2), ushort.MaxValue);

        Assert.Throws<ElfFormatException>(() => ReadNeeds(image));
    }

    [Fact]
    public void RejectsAVnaNextOfZeroWhileEntriesRemainAsALoop()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        int firstAux = s_library.VersionNeedsOffset + 16;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(firstAux + 12), 0);

        var error = Assert.Throws<ElfFormatException>(() => ReadNeeds(image));

        Assert.Contains("loop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAVnaNextThatOverlapsItsOwnEntry()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        int firstAux = s_library.VersionNeedsOffset + 16;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(firstAux + 12), 4);

        var error = Assert.Throws<ElfFormatException>(() => ReadNeeds(image));

        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAChainThatLinksOnPastItsCount()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(s_library.VersionNeedsOffset + 2), 1);

        Assert.Throws<ElfFormatException>(() => ReadNeeds(image));
    }

    [Fact]
    public void RejectsOverlappingChainsThatClaimMoreEntriesThanFit()
    {
        // Layout: Verneed a.so @0, its Vernaux @16 and @32, Verneed b.so @48, its Vernaux @64.
        ElfImage library = new ElfImageBuilder()
            .Need("a.so", "A_1").Need("a.so", "A_2")
            .Need("b.so", "B_1")
            .Build();
        byte[] image = (byte[])library.Bytes.Clone();
        int start = library.VersionNeedsOffset;

        // a.so's chain now runs on into b.so's Verneed, which is then read a second time as itself.
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(start + 2), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(start + 32 + 12), 16);

        var error = Assert.Throws<ElfFormatException>(() => ReadNeeds(image));

        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAVersionNamePastTheStringTable()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        int firstAux = s_library.VersionNeedsOffset + 16;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(firstAux + 8), 100_000);

        var error = Assert.Throws<ElfFormatException>(() => ReadNeeds(image));

        Assert.Contains("past the end of string table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAStringTableWithoutATerminatingNul()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        int dynstr = s_library.SectionHeaderOffset(ElfImageBuilder.DynStrIndex);
        int start = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(dynstr + 24));
        int size = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(dynstr + 32));
        image.AsSpan(start + 1, size - 1).Fill((byte)'x');

        var error = Assert.Throws<ElfFormatException>(() => ReadNeeds(image));

        Assert.Contains("not NUL-terminated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnUnknownVerneedVersion()
    {
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(s_library.VersionNeedsOffset), 2);

        Assert.Throws<ElfFormatException>(() => ReadNeeds(image));
    }

    [Fact]
    public void RejectsAVerdefChainThatLoops()
    {
        ElfImage library = ElfImageBuilder.LibStdCxx(newest: 3).Build();
        byte[] image = (byte[])library.Bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(library.VersionDefinitionsOffset + 16), 0);

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionDefinitions.Read(ElfFile.Parse(image)));

        Assert.Contains("loop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PatchingAMalformedFileThrowsAndLeavesItUnchanged()
    {
        using var temp = new TempDirectory();
        byte[] image = (byte[])s_library.Bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(s_library.VersionNeedsOffset + 16 + 12), 0);
        string path = temp.Write("lib.so", image);

        Assert.Throws<ElfFormatException>(() => WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.32"));

        Assert.Equal(image, File.ReadAllBytes(path));
    }

    private static IReadOnlyList<ElfVersionNeed> ReadNeeds(byte[] image) => ElfVersionNeeds.Read(ElfFile.Parse(image));

    private static void ReadAll(byte[] image)
    {
        ElfFile file = ElfFile.Parse(image);
        _ = ElfVersionNeeds.Read(file);
        _ = ElfVersionDefinitions.Read(file);
    }
}
