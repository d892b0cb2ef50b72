namespace Painterly.Cli.Commands;

/// <summary>
/// Makes the outputs of a stylize plan safe to write: each photo once, no two photos to the same file, and no
/// output over a photo that is an input.
/// </summary>
internal static class StylizeOutputs
{
    public static IReadOnlyList<StylizeItem> Separate(IReadOnlyList<StylizeItem> planned, string styleName)
    {
        // The same photo named twice (or through two paths) is stylized once.
        var items = planned.DistinctBy(i => i.Input is null ? null : Path.GetFullPath(i.Input), StringComparer.Ordinal).ToList();

        // pic.jpg and pic.png would both become pic-<style>.png: both keep their extension in the name instead.
        var clashing = items.GroupBy(i => Path.GetFullPath(i.Output), StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        items = [.. items.Select(i => clashing.Contains(i) && i.Input is not null ? i with { Output = WithExtension(i, styleName) } : i)];

        var byOutput = new Dictionary<string, StylizeItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            string target = Path.GetFullPath(item.Output);
            if (!byOutput.TryAdd(target, item))
            {
                throw new UserException($"{byOutput[target].Label} and {item.Label} would both be written to {item.Output}; stylize them separately or rename one.", ExitCodes.Usage);
            }
        }

        var inputs = items.Where(i => i.Input is not null).Select(i => Path.GetFullPath(i.Input!)).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (inputs.Contains(Path.GetFullPath(item.Output)))
            {
                throw new UserException($"{item.Output} is an input photo and would be overwritten; give another -o.", ExitCodes.Usage);
            }
        }

        return items;
    }

    private static string WithExtension(StylizeItem item, string styleName)
    {
        string extension = Path.GetExtension(item.Input!).TrimStart('.');
        string name = $"{Path.GetFileNameWithoutExtension(item.Input)}-{extension}-{styleName}.png";
        return Path.Combine(Path.GetDirectoryName(item.Output) ?? "", name);
    }
}
