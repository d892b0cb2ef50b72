using System.Diagnostics;

namespace Painterly.Web.Tests.Benchmarks;

/// <summary>
/// The official pytorch/examples TransformerNet as PyTorch's own ONNX export, made by
/// <c>tools/python/make_official_onnx.py</c> with Debian's python3-torch (6.8 MB, so made when needed, not committed).
/// </summary>
internal static class OfficialNetwork
{
    private const string Python = "/usr/bin/python3";

    /// <summary>The ONNX file, made on first use; null with <paramref name="whyNot"/> when python3-torch is missing.</summary>
    public static string? Onnx(out string whyNot)
    {
        string root = RepositoryRoot();
        string path = Path.Combine(Path.GetTempPath(), "painterly-web-tests", "official-transformer-net.onnx");
        if (File.Exists(path))
        {
            whyNot = "";
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var process = Process.Start(new ProcessStartInfo(Python, [Path.Combine(root, "tools", "python", "make_official_onnx.py"), path + ".part"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        });
        if (process is null)
        {
            whyNot = $"{Python} did not start";
            return null;
        }

        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            whyNot = $"the official network needs python3-torch (apt-get install python3-torch): {errors.Trim().Split('\n')[^1]}";
            return null;
        }

        File.Move(path + ".part", path, overwrite: true);
        whyNot = "";
        return path;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Painterly.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Painterly.slnx not found above the test binaries.");
    }
}
