using Painterly.Core.IO;

namespace Painterly.Core.Tests.IO;

public sealed class FolderWalkTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "painterly-walk-" + Guid.NewGuid().ToString("N"));

    public FolderWalkTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void LinksBackIntoTheTreeAreNotFollowed()
    {
        File.WriteAllBytes(Path.Combine(root, "a.png"), [1]);
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        File.WriteAllBytes(Path.Combine(root, "sub", "b.png"), [1]);
        Directory.CreateSymbolicLink(Path.Combine(root, "s1"), ".");
        Directory.CreateSymbolicLink(Path.Combine(root, "s2"), ".");
        Directory.CreateSymbolicLink(Path.Combine(root, "sub", "up"), "..");

        var files = FolderWalk.Files(root).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal);

        Assert.Equal(["a.png", Path.Combine("sub", "b.png")], files);
    }

    [Fact]
    public void LinksOutOfTheTreeAreNotFollowedButFileLinksAreListed()
    {
        string outside = Path.Combine(root, "outside");
        string tree = Path.Combine(root, "tree");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(tree);
        File.WriteAllBytes(Path.Combine(outside, "elsewhere.png"), [1]);
        Directory.CreateSymbolicLink(Path.Combine(tree, "out"), outside);
        File.CreateSymbolicLink(Path.Combine(tree, "linked.png"), Path.Combine(outside, "elsewhere.png"));
        File.CreateSymbolicLink(Path.Combine(tree, "broken.png"), Path.Combine(outside, "missing.png"));

        Assert.Equal(["broken.png", "linked.png"], FolderWalk.Files(tree).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
