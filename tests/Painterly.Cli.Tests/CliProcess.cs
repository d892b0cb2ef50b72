using System.Diagnostics;

namespace Painterly.Cli.Tests;

/// <summary>
/// The real command in a process of its own (the build output holds painterly.dll and its runtime config): for what
/// an in-process run cannot show, such as signals or what native libraries write to the process's stderr.
/// </summary>
internal static class CliProcess
{
    /// <summary>Runs to the end and returns the exit code and both streams.</summary>
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var process = Process.Start(Command(args))!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Starts the command and drains both pipes, so a full pipe never blocks the child.</summary>
    public static Process Start(params string[] args)
    {
        var process = Process.Start(Command(args))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo Command(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "painterly.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
