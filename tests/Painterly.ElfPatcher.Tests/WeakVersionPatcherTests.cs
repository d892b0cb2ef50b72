using System.Diagnostics;
using System.Runtime.Versioning;

namespace Painterly.ElfPatcher.Tests;

public sealed class WeakVersionPatcherTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void SetsOnlyTheWeakBitOfTheMatchingEntry()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string path = _temp.Write("libLibTorchSharp.so", original);
        long flagsOffset = NeedOf(original, "GLIBCXX_3.4.32").FlagsOffset;

        Assert.True(WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.32"));

        byte[] patched = File.ReadAllBytes(path);
        Assert.Equal(original.Length, patched.Length);
        int[] changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Equal([(int)flagsOffset], changed);
        Assert.Equal(0x2, patched[flagsOffset]);
        Assert.Equal(["GLIBCXX_3.4.32"], ElfVersionNeeds.Read(ElfFile.Parse(patched)).Where(n => n.IsWeak).Select(n => n.VersionName));
    }

    [Fact]
    public void KeepsOtherFlagBits()
    {
        byte[] original = new ElfImageBuilder().Need("libstdc++.so.6", "GLIBCXX_3.4.32", flags: 0x8001).Build().Bytes;
        string path = _temp.Write("lib.so", original);

        WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.32");

        Assert.Equal(0x8003, NeedOf(File.ReadAllBytes(path), "GLIBCXX_3.4.32").Flags);
    }

    [Fact]
    public void IsIdempotent()
    {
        string path = _temp.Write("lib.so", ElfImageBuilder.TorchSharpLike().Build().Bytes);
        Assert.True(WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.32"));
        byte[] once = File.ReadAllBytes(path);

        Assert.False(WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.32"));

        Assert.Equal(once, File.ReadAllBytes(path));
    }

    [Fact]
    public void LeavesTheFileAloneWhenTheVersionIsNotRequired()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string path = _temp.Write("lib.so", original);

        Assert.False(WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.99"));

        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public void OnlyTouchesTheNamedDependency()
    {
        byte[] original = new ElfImageBuilder()
            .Need("libfoo.so.1", "SHARED_1.0")
            .Need("libstdc++.so.6", "SHARED_1.0")
            .Build().Bytes;
        string path = _temp.Write("lib.so", original);

        Assert.True(WeakVersionPatcher.Patch(path, "SHARED_1.0", "libstdc++.so.6"));

        IReadOnlyList<ElfVersionNeed> needs = ElfVersionNeeds.Read(ElfFile.Read(path));
        Assert.False(needs.Single(n => n.FileName == "libfoo.so.1").IsWeak);
        Assert.True(needs.Single(n => n.FileName == "libstdc++.so.6").IsWeak);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void KeepsTheFileModeAndTimestamp()
    {
        string path = _temp.Write("lib.so", ElfImageBuilder.TorchSharpLike().Build().Bytes);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        var stamp = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.32");

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void ReplacesAHardLinkInsteadOfWritingThroughIt()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string cached = _temp.Write("cache/lib.so", original);
        string output = Path.Combine(_temp.Path, "bin", "lib.so");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        using (Process ln = Process.Start("ln", [cached, output]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        Assert.True(WeakVersionPatcher.Patch(output, "GLIBCXX_3.4.32"));

        Assert.Equal(original, File.ReadAllBytes(cached));
        Assert.True(NeedOf(File.ReadAllBytes(output), "GLIBCXX_3.4.32").IsWeak);
    }

    [Fact]
    public void ReplacesASymbolicLinkInsteadOfWritingThroughIt()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string cached = _temp.Write("cache/lib.so", original);
        string output = Path.Combine(_temp.Path, "lib.so");
        File.CreateSymbolicLink(output, cached);

        Assert.True(WeakVersionPatcher.Patch(output, "GLIBCXX_3.4.32"));

        Assert.Equal(original, File.ReadAllBytes(cached));
        Assert.Null(new FileInfo(output).LinkTarget);
        Assert.True(NeedOf(File.ReadAllBytes(output), "GLIBCXX_3.4.32").IsWeak);
    }

    [Fact]
    public void RefusesAFileInsideTheNuGetPackageCache()
    {
        byte[] original = ElfImageBuilder.TorchSharpLike().Build().Bytes;
        string path = _temp.Write(".nuget/packages/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so", original);

        var error = Assert.Throws<InvalidOperationException>(() => WeakVersionPatcher.Patch(path, "GLIBCXX_3.4.32"));

        Assert.Contains("NuGet package cache", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    public void Dispose() => _temp.Dispose();

    private static ElfVersionNeed NeedOf(byte[] image, string version) =>
        ElfVersionNeeds.Read(ElfFile.Parse(image)).Single(n => n.VersionName == version);
}
