namespace Painterly.Web.Tests.Infrastructure;

/// <summary>Where tests leave files for people to look at (TestResults/ is git-ignored).</summary>
internal static class Artifacts
{
    /// <summary><c>tests/Painterly.Web.Tests/TestResults/&lt;name&gt;</c>, created.</summary>
    public static string Folder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Painterly.Web.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        string root = directory?.FullName ?? AppContext.BaseDirectory;
        string folder = Path.Combine(root, "TestResults", name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
