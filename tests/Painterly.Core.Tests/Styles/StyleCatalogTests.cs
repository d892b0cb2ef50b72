using Painterly.Core.Models;
using Painterly.Core.Styles;

namespace Painterly.Core.Tests.Styles;

public sealed class StyleCatalogTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("painterly-catalog-").FullName;

    [Fact]
    public void Starry_night_comes_first_and_each_style_names_its_painting()
    {
        Write("composition-vii", new StyleModelInfo { StyleImageTitle = "Composition VII", StyleImageArtist = "Wassily Kandinsky", Extra = new Dictionary<string, string> { [StyleModelInfo.YearKey] = "1913" } });
        Write("starry-night", new StyleModelInfo { StyleImageTitle = "The Starry Night" });
        Write("a-first-by-name", new StyleModelInfo());

        var catalog = new StyleCatalog(folder);

        Assert.Equal(["starry-night", "a-first-by-name", "composition-vii", StyleCatalog.SeededName], catalog.Styles.Select(s => s.Name));
        Assert.Equal("starry-night", catalog.DefaultStyle.Name);
        var kandinsky = catalog.Find("Composition-VII")!;
        Assert.Equal(("Composition VII", "Wassily Kandinsky", "1913"), (kandinsky.Painting, kandinsky.Artist, kandinsky.Year));
        Assert.Null(catalog.Find("a-first-by-name")!.Painting);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string name, StyleModelInfo info)
    {
        var seeded = SeededStyleModel.Create(new StyleNetConfig(8, 1), 3);
        StyleModelFile.Save(Path.Combine(folder, name + ".safetensors"), new StyleModel(seeded.Config, seeded.Weights, info));
    }
}
