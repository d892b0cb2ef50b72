using Painterly.Cli.Commands;

namespace Painterly.Cli.Tests.Commands;

public class StylizePlanTests
{
    [Fact]
    public void FolderLinkBackIntoTheTreeIsNotFollowed()
    {
        using var temp = new TempFolder();
        string photos = temp.File("photos");
        Directory.CreateDirectory(photos);
        File.WriteAllBytes(Path.Combine(photos, "a.png"), [1]);
        Directory.CreateSymbolicLink(Path.Combine(photos, "self"), ".");

        var items = StylizePlan.Create([photos], null, "mosaic");

        Assert.Equal([Path.Combine(photos, "a.png")], items.Select(i => i.Input));
    }
}
