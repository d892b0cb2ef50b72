using Painterly.Tests;

namespace Painterly.ElfPatcher.Tests;

/// <summary>Reads (never writes) the real TorchSharp library and the system libstdc++, where present.</summary>
public class RealLibraryTests
{
    private static readonly string s_libTorchSharp = Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [SkippableFact]
    public void LibTorchSharpRequiresGlibcxx3432OfLibStdCxx()
    {
        Requirement.Present(File.Exists(s_libTorchSharp), $"TorchSharp's native library is not at {s_libTorchSharp}; restore the solution first (dotnet restore).");

        IReadOnlyList<ElfVersionNeed> needs = ElfVersionNeeds.Read(ElfFile.Read(s_libTorchSharp));

        Assert.Contains(needs, n => n.FileName == "libstdc++.so.6" && n.VersionName == "GLIBCXX_3.4.32");
        Assert.Contains(needs, n => n.FileName == "libc.so.6");
    }

    [SkippableFact]
    public void SystemLibStdCxxDefinitionsAreReadable()
    {
        string? path = SystemLibraryLocator.Find("libstdc++.so.6");
        Requirement.Present(path is not null, "No system libstdc++.so.6 found; install libstdc++6.");

        SystemLibrary system = SystemLibrary.Load(path);

        Assert.Equal("libstdc++.so.6", system.SoName);
        Assert.Contains("GLIBCXX_3.4", system.Versions);
        Assert.Contains("CXXABI_1.3", system.Versions);
    }
}
