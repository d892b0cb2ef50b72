namespace Painterly.ElfPatcher;

/// <summary>
/// Build step: marks symbol versions weak in a native library when the system's libstdc++ does not define them,
/// e.g. libLibTorchSharp.so's GLIBCXX_3.4.32, which it references but never calls.
/// </summary>
internal static class Program
{
    /// <summary>Exit codes: 0 done, 1 failed, 2 bad usage.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary><see cref="Main"/> with its output streams given, for tests.</summary>
    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        PatcherOptions? options = PatcherOptions.Parse(args, out string usageError);
        if (options is null)
        {
            error.WriteLine($"Painterly.ElfPatcher: {usageError}");
            error.WriteLine(PatcherOptions.Usage);
            return 2;
        }

        try
        {
            Weaken(options, output);
            return 0;
        }
        catch (Exception e)
        {
            error.WriteLine($"Painterly.ElfPatcher: error: {e.Message}");
            return 1;
        }
    }

    private static void Weaken(PatcherOptions options, TextWriter output)
    {
        string library = options.LibraryPath;
        PatchTargetGuard.ThrowIfProtected(library);
        if (!File.Exists(library))
        {
            throw new FileNotFoundException($"{library} does not exist.");
        }

        IReadOnlyList<ElfVersionNeed> needs = ElfVersionNeeds.Read(ElfFile.Read(library));
        SystemLibrary? system = null;
        foreach (string version in options.Versions)
        {
            List<ElfVersionNeed> required = needs.Where(n => n.VersionName == version).ToList();
            if (required.Count == 0)
            {
                output.WriteLine($"{library}: {version} not required, nothing to do");
                continue;
            }

            system ??= SystemLibrary.Load(options.SystemLibraryPath);

            // Only requirements on the system library itself are its to satisfy.
            List<ElfVersionNeed> ofSystem = required.Where(n => system.SoName is null || n.FileName == system.SoName).ToList();
            if (ofSystem.Count == 0)
            {
                string owners = string.Join(", ", required.Select(n => n.FileName).Distinct());
                output.WriteLine($"{library}: {version} is required of {owners}, not of {system.SoName}; left alone");
            }
            else if (system.Versions.Contains(version))
            {
                output.WriteLine($"{library}: {version} left alone, {system.Path} provides it");
            }
            else if (ofSystem.TrueForAll(n => n.IsWeak))
            {
                output.WriteLine($"{library}: {version} already weak");
            }
            else
            {
                WeakVersionPatcher.Patch(library, version, system.SoName);
                output.WriteLine($"{library}: marked {version} weak, {system.Path} lacks it");
            }
        }
    }
}
