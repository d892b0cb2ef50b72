using System.Diagnostics;

namespace Painterly.ElfPatcher;

/// <summary>Finds the system's copy of a shared library, the way the dynamic loader would on x86-64 Linux.</summary>
internal static class SystemLibraryLocator
{
    private static readonly string[] s_directories =
        ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64"];

    private static readonly string[] s_ldconfigCommands = ["ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"];

    /// <summary>The path of <paramref name="fileName"/> (e.g. libstdc++.so.6), or null if it cannot be found.</summary>
    public static string? Find(string fileName)
    {
        foreach (string directory in s_directories)
        {
            string candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (string command in s_ldconfigCommands)
        {
            string? listing = TryRun(command, "-p");
            if (listing is not null)
            {
                return ParseLdconfigListing(listing, fileName);
            }
        }

        return null;
    }

    /// <summary>
    /// Picks the x86-64 entry for <paramref name="fileName"/> from `ldconfig -p` output, whose lines look like
    /// "	libstdc++.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libstdc++.so.6".
    /// </summary>
    public static string? ParseLdconfigListing(string listing, string fileName)
    {
        ArgumentNullException.ThrowIfNull(listing);
        foreach (string line in listing.Split('\n'))
        {
            string trimmed = line.Trim();
            int arrow = trimmed.IndexOf(" => ", StringComparison.Ordinal);
            int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            if (arrow < 0 || space < 0
                || trimmed[..space] != fileName
                || !trimmed[space..arrow].Contains("x86-64", StringComparison.Ordinal))
            {
                continue;
            }

            return trimmed[(arrow + 4)..].Trim();
        }

        return null;
    }

    private static string? TryRun(string command, string argument)
    {
        var start = new ProcessStartInfo(command, argument)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using Process process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed or not on PATH: try the next candidate.
            return null;
        }
    }
}
