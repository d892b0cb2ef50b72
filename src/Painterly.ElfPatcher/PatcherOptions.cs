namespace Painterly.ElfPatcher;

/// <summary>The parsed command line: which library to patch, which versions to weaken, and which system library to compare with.</summary>
/// <param name="LibraryPath">The shared library to patch.</param>
/// <param name="Versions">The versions to mark weak when the system library lacks them.</param>
/// <param name="SystemLibraryPath">The library whose definitions decide; null to find libstdc++.so.6.</param>
internal sealed record PatcherOptions(string LibraryPath, IReadOnlyList<string> Versions, string? SystemLibraryPath)
{
    /// <summary>How to call the tool.</summary>
    public const string Usage =
        "usage: Painterly.ElfPatcher <library.so> --weaken <VERSION> [--weaken <VERSION> ...] [--system-lib <path>]";

    /// <summary>Parses <paramref name="args"/>; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static PatcherOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? library = null;
        string? systemLibrary = null;
        var versions = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "--weaken" or "--system-lib")
            {
                if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]) || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"{arg} needs a value";
                    return null;
                }

                string value = args[++i];
                if (arg == "--weaken")
                {
                    versions.Add(value);
                }
                else if (systemLibrary is null)
                {
                    systemLibrary = value;
                }
                else
                {
                    error = "--system-lib given twice";
                    return null;
                }
            }
            else if (arg.StartsWith('-') || library is not null)
            {
                error = $"unexpected argument '{arg}'";
                return null;
            }
            else
            {
                library = arg;
            }
        }

        if (library is null || versions.Count == 0)
        {
            error = library is null ? "no library given" : "no --weaken version given";
            return null;
        }

        error = string.Empty;
        return new PatcherOptions(library, versions, systemLibrary);
    }
}
