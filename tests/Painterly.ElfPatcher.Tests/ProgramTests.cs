namespace Painterly.ElfPatcher.Tests;

public sealed class ProgramTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void MarksTheVersionWeakWhenTheSystemLibraryLacksIt()
    {
        string library = _temp.Write("lib.so", ElfImageBuilder.TorchSharpLike().Build().Bytes);
        string system = _temp.Write("libstdc++.so.6", ElfImageBuilder.LibStdCxx(newest: 30).Build().Bytes);

        Assert.Equal(0, Run(library, "--weaken", "GLIBCXX_3.4.32", "--system-lib", system));

        Assert.Contains("marked GLIBCXX_3.4.32 weak", _output.ToString(), StringComparison.Ordinal);
        Assert.True(Need(library, "GLIBCXX_3.4.32").IsWeak);
        Assert.Equal(1, ElfVersionNeeds.Read(ElfFile.Read(library)).Count(n => n.IsWeak));
    }

    [Fact]
    public void LeavesTheFileUnchangedWhenTheSystemLibraryProvidesTheVersion()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string library = _temp.Write("lib.so", original);
        string system = _temp.Write("libstdc++.so.6", ElfImageBuilder.LibStdCxx(newest: 33).Build().Bytes);

        Assert.Equal(0, Run(library, "--weaken", "GLIBCXX_3.4.32", "--system-lib", system));

        Assert.Contains("provides it", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(library));
    }

    [Fact]
    public void SaysWhenTheVersionIsAlreadyWeak()
    {
        string library = _temp.Write("lib.so", new ElfImageBuilder().Need("libstdc++.so.6", "GLIBCXX_3.4.32", flags: 0x2).Build().Bytes);
        string system = _temp.Write("libstdc++.so.6", ElfImageBuilder.LibStdCxx(newest: 30).Build().Bytes);

        Assert.Equal(0, Run(library, "--weaken", "GLIBCXX_3.4.32", "--system-lib", system));

        Assert.Contains("already weak", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SaysWhenTheVersionIsNotRequiredWithoutNeedingASystemLibrary()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string library = _temp.Write("lib.so", original);

        Assert.Equal(0, Run(library, "--weaken", "GLIBCXX_9.9", "--system-lib", Path.Combine(_temp.Path, "missing.so")));

        Assert.Contains("not required", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(library));
    }

    [Fact]
    public void LeavesAloneVersionsRequiredOfOtherLibraries()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string library = _temp.Write("lib.so", original);
        string system = _temp.Write("libstdc++.so.6", ElfImageBuilder.LibStdCxx(newest: 30).Build().Bytes);

        Assert.Equal(0, Run(library, "--weaken", "GLIBC_2.34", "--system-lib", system));

        Assert.Contains("required of libc.so.6", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(library));
    }

    [Fact]
    public void PrintsOneLinePerVersion()
    {
        string library = _temp.Write("lib.so", ElfImageBuilder.TorchSharpLike().Build().Bytes);
        string system = _temp.Write("libstdc++.so.6", ElfImageBuilder.LibStdCxx(newest: 30).Build().Bytes);

        Assert.Equal(0, Run(library, "--weaken", "GLIBCXX_3.4.32", "--weaken", "GLIBCXX_3.4.30", "--system-lib", system));

        Assert.Equal(2, _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData]
    [InlineData("lib.so")]
    [InlineData("lib.so", "--weaken")]
    [InlineData("lib.so", "--weaken", "--system-lib", "x")]
    [InlineData("lib.so", "--weaken", "V", "--frobnicate")]
    [InlineData("lib.so", "other.so", "--weaken", "V")]
    [InlineData("lib.so", "--weaken", "V", "--system-lib", "a", "--system-lib", "b")]
    public void BadUsageExitsWithTwo(params string[] args)
    {
        Assert.Equal(2, Run(args));

        Assert.Contains("usage:", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingLibraryIsAnError()
    {
        Assert.Equal(1, Run(Path.Combine(_temp.Path, "missing.so"), "--weaken", "GLIBCXX_3.4.32"));

        Assert.Single(_error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AMalformedLibraryIsAnError()
    {
        string library = _temp.Write("lib.so", [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1]);

        Assert.Equal(1, Run(library, "--weaken", "GLIBCXX_3.4.32"));

        Assert.Contains("error:", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAPathInsideTheNuGetPackageCache()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string library = _temp.Write(".nuget/packages/torchsharp/lib.so", original);
        string system = _temp.Write("libstdc++.so.6", ElfImageBuilder.LibStdCxx(newest: 30).Build().Bytes);

        Assert.Equal(1, Run(library, "--weaken", "GLIBCXX_3.4.32", "--system-lib", system));

        Assert.Contains("NuGet package cache", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(library));
    }

    public void Dispose()
    {
        _temp.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private int Run(params string[] args) => Program.Run(args, _output, _error);

    private static ElfVersionNeed Need(string path, string version) =>
        ElfVersionNeeds.Read(ElfFile.Read(path)).Single(n => n.VersionName == version);
}
