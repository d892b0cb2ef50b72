namespace Painterly.ElfPatcher.Tests;

/// <summary>Reads (never writes) the real TorchSharp library and the system libstdc++, where present.</summary>
public class RealLibraryTests
{
    private static readonly string s_libTorchSharp = Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void LibTorchSharpRequiresGlibcxx3432OfLibStdCxx()
    {
        if (!File.Exists(s_libTorchSharp))
        {
            return;
        }

        IReadOnlyList<ElfVersionNeed> needs = ElfVersionNeeds.Read(ElfFile.Read(s_libTorchSharp));

        Assert.Contains(needs, n => n.FileName == "libstdc++.so.6" && n.VersionName == "GLIBCXX_3.4.32");
        Assert.Contains(needs, n => n.FileName == "libc.so.6");
    }

    [Fact]
    public void SystemLibStdCxxDefinitionsAreReadable()
    {
        string? path = SystemLibraryLocator.Find("libstdc++.so.6");
        if (path is null)
        {
            return;
        }

        SystemLibrary system = SystemLibrary.Load(path);

        Assert.Equal("libstdc++.so.6", system.SoName);
        Assert.Contains("GLIBCXX_3.4", system.Versions);
        Assert.Contains("CXXABI_1.3", system.Versions);
    }
}
