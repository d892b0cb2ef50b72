namespace Painterly.Cli.Tests.Docs;

/// <summary>
/// Runs the <c>painterly</c> commands a page shows, in-process and in a temporary folder: <c>export</c> with the
/// built-in <c>seeded</c> style in place of the reader's model file, <c>inspect</c> on what an earlier command on the
/// page exported. Running them, not just parsing them, shows that every option exists and that the values work.
/// </summary>
internal sealed class GuideSession : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly Dictionary<string, string> exported = new(StringComparer.Ordinal);

    /// <summary>The path each file name the page exports to was written to, by that name.</summary>
    public IReadOnlyDictionary<string, string> Exported => exported;

    /// <summary>The <c>painterly</c> commands of a shell block, as words, one per line; comments after <c>#</c> dropped.</summary>
    public static IEnumerable<string[]> CommandsOf(FencedBlock block) =>
        block.Text.Split('\n')
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.StartsWith("painterly ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Runs one command of the page (its words start with <c>painterly</c>).</summary>
    public CliResult Run(string[] words)
    {
        if (words.Length < 3 || words[0] != "painterly")
        {
            throw new ArgumentException($"Not a painterly command with an argument: {string.Join(' ', words)}");
        }

        string[] args = words[1..];
        switch (args[0])
        {
            case "export":
                // The reader's model file is not here; the built-in style has the same layers and names.
                if (args[1].StartsWith('-'))
                {
                    throw new ArgumentException($"export needs the model first: {string.Join(' ', words)}");
                }

                args[1] = "seeded";
                int output = Array.FindIndex(args, a => a is "-o" or "--output");
                if (output < 0 || output + 1 == args.Length)
                {
                    throw new ArgumentException($"The page's export should name its output with -o: {string.Join(' ', words)}");
                }

                exported[args[output + 1]] = folder.File(args[output + 1]);
                args[output + 1] = exported[args[output + 1]];
                break;
            case "inspect":
                args[1] = exported.TryGetValue(args[1], out string? path)
                    ? path
                    : throw new ArgumentException($"inspect reads {args[1]}, which no command before it on the page exports.");
                break;
            default:
                throw new ArgumentException($"The guide test knows how to run export and inspect, not: {string.Join(' ', words)}");
        }

        return CliRunner.Run(args);
    }

    public void Dispose() => folder.Dispose();
}
