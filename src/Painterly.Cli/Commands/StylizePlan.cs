namespace Painterly.Cli.Commands;

/// <summary>One image to stylize: where it comes from (null = the test scene) and where it goes.</summary>
internal sealed record StylizeItem(string? Input, string Output)
{
    public string Label => Input ?? "test scene";
}

/// <summary>Decides the output path of every input of <c>painterly stylize</c>.</summary>
internal static class StylizePlan
{
    public static IReadOnlyList<StylizeItem> Create(IReadOnlyList<string> inputs, string? output, string styleName)
    {
        if (inputs.Count == 0)
        {
            return [new StylizeItem(null, output is not null && !IsFolder(output) ? output : Path.Combine(output ?? ".", $"scene-{styleName}.png"))];
        }

        foreach (var input in inputs)
        {
            if (!File.Exists(input))
            {
                if (input.StartsWith('-'))
                {
                    throw new UserException($"unknown option '{input}'; run 'painterly stylize --help'.", ExitCodes.Usage);
                }

                throw new UserException(Directory.Exists(input)
                    ? $"{input} is a folder; give image files."
                    : $"{input} does not exist; check the path.");
            }
        }

        bool single = inputs.Count == 1;
        if (!single && output is not null && File.Exists(output))
        {
            throw new UserException($"-o {output} is a file, but there are {inputs.Count} inputs: give a folder.", ExitCodes.Usage);
        }

        return [.. inputs.Select(input =>
        {
            string name = $"{Path.GetFileNameWithoutExtension(input)}-{styleName}.png";
            string target = output switch
            {
                null => Path.Combine(Path.GetDirectoryName(input) ?? ".", name),
                _ when single && !IsFolder(output) => output,
                _ => Path.Combine(output, name),
            };
            return new StylizeItem(input, target);
        })];
    }

    private static bool IsFolder(string path) =>
        Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar);
}
