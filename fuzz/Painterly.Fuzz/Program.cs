using SharpFuzz;

namespace Painterly.Fuzz;

/// <summary>
/// <c>Painterly.Fuzz TARGET</c>: SharpFuzz's AFL fork server around one reader (under afl-fuzz), or one run on
/// standard input (without it). <c>Painterly.Fuzz TARGET FILE...</c> runs the target once per file and prints
/// what happened, for triage and corpus checks. <c>Painterly.Fuzz seeds TARGET FOLDER</c> writes the target's
/// seed files, made by Painterly's own writers.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["seeds", var seedTarget, var folder])
        {
            return Seeds.Write(seedTarget, folder);
        }

        if (args.Length >= 1 && FuzzTargets.Find(args[0]) is { } target)
        {
            if (args.Length == 1)
            {
                Fuzzer.OutOfProcess.Run(stream => target(ReadAll(stream)));
                return 0;
            }

            foreach (string file in args.Skip(1))
            {
                // Anything but a documented bad-input exception escapes and ends the process with its stack trace.
                target(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok");
            }

            return 0;
        }

        Console.Error.WriteLine($"usage: Painterly.Fuzz TARGET [FILE...] | seeds TARGET FOLDER; targets: {string.Join(", ", FuzzTargets.Names)}");
        return 2;
    }

    private static byte[] ReadAll(Stream stream)
    {
        // The fork server's stream must not be closed; copying it leaves it open.
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
