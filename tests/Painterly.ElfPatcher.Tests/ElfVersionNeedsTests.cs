using System.Buffers.Binary;

namespace Painterly.ElfPatcher.Tests;

public class ElfVersionNeedsTests
{
    [Fact]
    public void ListsEveryRequiredVersionWithItsDependencyInFileOrder()
    {
        ElfImage image = ElfImageBuilder.TorchSharpLike().Build();

        IReadOnlyList<ElfVersionNeed> needs = ElfVersionNeeds.Read(ElfFile.Parse(image.Bytes));

        Assert.Equal(
            [
                ("libc.so.6", "GLIBC_2.34"),
                ("libc.so.6", "GLIBC_2.2.5"),
                ("libstdc++.so.6", "GLIBCXX_3.4.30"),
                ("libstdc++.so.6", "GLIBCXX_3.4.32"),
                ("libstdc++.so.6", "CXXABI_1.3"),
                ("libstdc++.so.6", "GLIBCXX_3.4"),
            ],
            needs.Select(n => (n.FileName, n.VersionName)));
        Assert.All(needs, n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void FlagsOffsetPointsAtTheVnaFlagsField()
    {
        ElfImage image = new ElfImageBuilder()
            .Need("libstdc++.so.6", "GLIBCXX_3.4")
            .Need("libstdc++.so.6", "GLIBCXX_3.4.32", flags: 0x2)
            .Build();

        IReadOnlyList<ElfVersionNeed> needs = ElfVersionNeeds.Read(ElfFile.Parse(image.Bytes));

        // Verneed header (16 bytes), then Vernaux entries of 16 bytes whose flags sit 4 bytes in.
        Assert.Equal(image.VersionNeedsOffset + 16 + 4, needs[0].FlagsOffset);
        Assert.Equal(image.VersionNeedsOffset + 32 + 4, needs[1].FlagsOffset);
        Assert.True(needs[1].IsWeak);
        Assert.Equal(0x2, BinaryPrimitives.ReadUInt16LittleEndian(image.Bytes.AsSpan((int)needs[1].FlagsOffset)));
    }

    [Fact]
    public void AFileWithoutVersionNeedsHasNone()
    {
        ElfImage image = new ElfImageBuilder().Define("libfoo.so", flags: 1).Build();

        Assert.Empty(ElfVersionNeeds.Read(ElfFile.Parse(image.Bytes)));
    }
}
