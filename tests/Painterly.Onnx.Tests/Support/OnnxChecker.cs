using System.Diagnostics;

namespace Painterly.Onnx.Tests;

/// <summary>
/// Runs the reference <c>onnx.checker.check_model(full_check=True)</c> through Debian's python3-onnx
/// (the system <c>/usr/bin/python3</c>, not whatever python is first on PATH).
/// </summary>
internal static class OnnxChecker
{
    public const string Python = "/usr/bin/python3";

    private const string CheckScript = "import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True)";

    private static readonly Lazy<bool> Available = new(() => Run(["-c", "import onnx"]).ExitCode == 0);

    /// <summary>Whether python3-onnx is installed.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>Why the checker tests skip here; null when they must run (installed, or CI set so a missing checker fails).</summary>
    public static string? SkipReason =>
        IsAvailable || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? null
            : $"python3-onnx is not installed for {Python} (apt-get install python3-onnx); set CI to make this a failure.";

    /// <summary>Exit code and the checker's complaint for the model at <paramref name="path"/>.</summary>
    public static (int ExitCode, string Output) Check(string path) => Run(["-c", CheckScript, path]);

    private static (int ExitCode, string Output) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "onnx checker timed out");
            }

            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{Python} is missing: {e.Message}");
        }
    }
}
