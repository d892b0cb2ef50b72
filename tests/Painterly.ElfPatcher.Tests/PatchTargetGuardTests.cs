namespace Painterly.ElfPatcher.Tests;

public class PatchTargetGuardTests
{
    [Theory]
    [InlineData("/root/.nuget/packages/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so", null, true)]
    [InlineData("/home/me/.nuget/packages/x/lib.so", "/somewhere/else", true)]
    [InlineData("/caches/nuget/torchsharp/lib.so", "/caches/nuget", true)]
    [InlineData("/caches/nuget/torchsharp/lib.so", "/caches/nuget/", true)]
    [InlineData("/caches/nuget-other/lib.so", "/caches/nuget", false)]
    [InlineData("/work/repo/tests/X.Tests/bin/Debug/net10.0/runtimes/linux-x64/native/libLibTorchSharp.so", null, false)]
    [InlineData("/work/repo/bin/lib.so", "", false)]
    public void RecognisesPackageCachePaths(string path, string? packagesRoot, bool expected) =>
        Assert.Equal(expected, PatchTargetGuard.IsInPackageCache(path, packagesRoot));

    [Theory]
    [InlineData("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", true)]
    [InlineData("/lib64/ld-linux-x86-64.so.2", true)]
    [InlineData("/usr/local/lib/libfoo.so", true)]
    [InlineData("/work/repo/bin/Debug/net10.0/libLibTorchSharp.so", false)]
    [InlineData("/usr/library/lib.so", false)]
    public void RecognisesSystemLibraryDirectories(string path, bool expected) =>
        Assert.Equal(expected, PatchTargetGuard.IsInSystemLibraryDirectory(path));
}
