using Painterly.Core.Images;
using Painterly.Core.IO;

namespace Painterly.Cli.Commands;

/// <summary>One image to stylize: where it comes from (null = the test scene) and where it goes.</summary>
internal sealed record StylizeItem(string? Input, string Output)
{
    public string Label => Input ?? "test scene";
}

/// <summary>
/// Expands the inputs of <c>painterly stylize</c> (files, folders searched recursively) and decides every output
/// path: beside a single input, or in a folder that mirrors an input folder's tree.
/// </summary>
internal static class StylizePlan
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif",
    };

    public static IReadOnlyList<StylizeItem> Create(IReadOnlyList<string> inputs, string? output, string styleName)
    {
        if (output is not null)
        {
            CheckOutputFormat(output);
        }

        if (inputs.Count == 0)
        {
            string target = output is not null && !IsFolder(output) ? output : Path.Combine(output ?? ".", $"scene-{styleName}.png");
            return [new StylizeItem(null, target)];
        }

        bool single = inputs.Count == 1 && File.Exists(inputs[0]);
        if (!single && output is not null && (File.Exists(output) || !IsFolder(output)))
        {
            throw new UserException($"-o {output} names a file, but there are several inputs: give a folder.", ExitCodes.Usage);
        }

        var items = new List<StylizeItem>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                string name = OutputName(input, styleName);
                string target = output switch
                {
                    null => Path.Combine(Path.GetDirectoryName(input) ?? ".", name),
                    _ when single && !IsFolder(output) => output,
                    _ => Path.Combine(output, name),
                };
                items.Add(new StylizeItem(input, target));
            }
            else if (Directory.Exists(input))
            {
                string root = output ?? Path.TrimEndingDirectorySeparator(input) + "-" + styleName;
                if (inputs.Count > 1 && output is not null)
                {
                    root = Path.Combine(output, Path.GetFileName(Path.TrimEndingDirectorySeparator(input)));
                }

                foreach (var file in FolderWalk.Files(input)
                    .Where(f => ImageExtensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal))
                {
                    string relative = Path.GetRelativePath(input, file);
                    items.Add(new StylizeItem(file, Path.Combine(root, Path.GetDirectoryName(relative) ?? "", OutputName(file, styleName))));
                }
            }
            else if (input.StartsWith('-'))
            {
                throw new UserException($"unknown option '{input}'; run 'painterly stylize --help'.", ExitCodes.Usage);
            }
            else
            {
                throw new UserException($"{input} does not exist; check the path.");
            }
        }

        if (items.Count == 0)
        {
            throw new UserException($"no images found in {string.Join(", ", inputs)} (looked for {string.Join(" ", ImageExtensions)}).");
        }

        return StylizeOutputs.Separate(items, styleName);
    }

    private static string OutputName(string input, string styleName) =>
        $"{Path.GetFileNameWithoutExtension(input)}-{styleName}.png";

    private static void CheckOutputFormat(string output)
    {
        if (!IsFolder(output) && Path.HasExtension(output) && !ImageFileFormats.TryFromPath(output, out _))
        {
            throw new UserException(
                $"cannot write '{Path.GetExtension(output)}' images; use one of {string.Join(", ", ImageFileFormats.Extensions)}, or give a folder.",
                ExitCodes.Usage);
        }
    }

    private static bool IsFolder(string path) =>
        Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || !Path.HasExtension(path);
}
