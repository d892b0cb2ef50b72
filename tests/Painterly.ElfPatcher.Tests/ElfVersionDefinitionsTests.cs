namespace Painterly.ElfPatcher.Tests;

public class ElfVersionDefinitionsTests
{
    [Fact]
    public void ListsDefinitionsWithTheBaseEntryMarked()
    {
        ElfImage image = ElfImageBuilder.LibStdCxx(newest: 2).Build();

        IReadOnlyList<ElfVersionDefinition> definitions = ElfVersionDefinitions.Read(ElfFile.Parse(image.Bytes));

        Assert.Equal(
            ["libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.1", "GLIBCXX_3.4.2", "CXXABI_1.3"],
            definitions.Select(d => d.Name));
        Assert.True(definitions[0].IsBase);
        Assert.All(definitions.Skip(1), d => Assert.False(d.IsBase));
        Assert.Equal([1, 2, 3, 4, 5], definitions.Select(d => (int)d.Index));
    }

    [Fact]
    public void ALibraryThatOnlyNeedsVersionsDefinesNone()
    {
        ElfImage image = ElfImageBuilder.TorchSharpLike().Build();

        Assert.Empty(ElfVersionDefinitions.Read(ElfFile.Parse(image.Bytes)));
    }
}
