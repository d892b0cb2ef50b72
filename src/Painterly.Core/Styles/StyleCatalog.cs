using Painterly.Core.Models;

namespace Painterly.Core.Styles;

/// <summary>A style that ships with Painterly.</summary>
/// <param name="Name">What the user types after <c>--style</c>.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Path">The model file, or null for a style generated in memory.</param>
public sealed record BuiltInStyle(string Name, string Description, string? Path)
{
    /// <summary>The painting's title, from the model file.</summary>
    public string? Painting { get; init; }

    /// <summary>The painting's artist.</summary>
    public string? Artist { get; init; }

    /// <summary>The painting's year.</summary>
    public string? Year { get; init; }
}

/// <summary>
/// The built-in styles (<c>models/*.safetensors</c> beside the program) and how a <c>--style</c> value
/// (built-in name or model file) becomes a <see cref="StyleModel"/>.
/// </summary>
public sealed class StyleCatalog
{
    /// <summary>The untrained network generated from a fixed seed: the fallback when no trained style ships.</summary>
    public const string SeededName = "seeded";

    /// <summary>The default style when it ships; the others follow in name order.</summary>
    public const string PreferredDefault = "starry-night";

    /// <summary>Lists the styles in <paramref name="modelsFolder"/> plus the seeded one.</summary>
    public StyleCatalog(string modelsFolder)
    {
        var styles = new List<BuiltInStyle>();
        if (Directory.Exists(modelsFolder))
        {
            var files = Directory.EnumerateFiles(modelsFolder, "*.safetensors")
                .OrderBy(f => System.IO.Path.GetFileNameWithoutExtension(f) != PreferredDefault)
                .ThenBy(f => f, StringComparer.Ordinal);
            styles.AddRange(files.Select(Describe));
        }

        styles.Add(new BuiltInStyle(SeededName, "untrained network with seeded random weights (a placeholder, not a painting)", null));
        Styles = styles;
    }

    /// <summary>The catalog of the <c>models</c> folder beside the running program.</summary>
    public static StyleCatalog Default { get; } = new(System.IO.Path.Combine(AppContext.BaseDirectory, "models"));

    /// <summary>Every built-in style; the first is the default.</summary>
    public IReadOnlyList<BuiltInStyle> Styles { get; }

    /// <summary>The style used when none is given: the first trained one, else the seeded one.</summary>
    public BuiltInStyle DefaultStyle => Styles[0];

    /// <summary>Finds a built-in style by name (case-insensitive), or null.</summary>
    public BuiltInStyle? Find(string name) =>
        Styles.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads a built-in style's model.</summary>
    public static StyleModel Load(BuiltInStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        return style.Path is null
            ? SeededStyleModel.CreateDefault()
            : StyleModelFile.Load(style.Path);
    }

    /// <summary>
    /// Resolves a <c>--style</c> value: an existing <c>.safetensors</c> file, or a built-in name.
    /// </summary>
    /// <exception cref="InvalidDataException">Neither a readable model file nor a built-in style.</exception>
    public StyleModel Resolve(string? nameOrPath)
    {
        if (string.IsNullOrEmpty(nameOrPath))
        {
            return Load(DefaultStyle);
        }

        if (File.Exists(nameOrPath))
        {
            return StyleModelFile.Load(nameOrPath);
        }

        return Find(nameOrPath) is { } style
            ? Load(style)
            : throw new InvalidDataException(
                $"'{nameOrPath}' is neither a model file nor a built-in style ({string.Join(", ", Styles.Select(s => s.Name))}); run 'painterly styles' to list them.");
    }

    private static BuiltInStyle Describe(string file)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(file);
        try
        {
            using var safetensors = SafetensorsFile.Open(file);
            var metadata = safetensors.Metadata;
            string description = metadata.GetValueOrDefault(StyleModelMetadata.DescriptionKey) ?? metadata.GetValueOrDefault(StyleModelMetadata.StyleImageTitleKey) ?? "trained style";
            return new BuiltInStyle(name, description, file)
            {
                Painting = metadata.GetValueOrDefault(StyleModelMetadata.StyleImageTitleKey),
                Artist = metadata.GetValueOrDefault(StyleModelMetadata.StyleImageArtistKey),
                Year = metadata.GetValueOrDefault(StyleModelInfo.YearKey),
            };
        }
        catch (InvalidDataException e)
        {
            return new BuiltInStyle(name, $"unreadable: {e.Message}", file);
        }
    }
}
