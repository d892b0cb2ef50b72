using System.Globalization;

namespace Painterly.Core.Models;

/// <summary>Maps a style model's config and <see cref="StyleModelInfo"/> to and from safetensors metadata strings.</summary>
internal static class StyleModelMetadata
{
    public const string FormatKey = "format";
    public const string VersionKey = "version";
    public const string ConfigKey = "config";
    public const string StyleNameKey = "style_name";
    public const string StyleImageTitleKey = "style_image_title";
    public const string StyleImageArtistKey = "style_image_artist";
    public const string LicenseKey = "license";
    public const string DescriptionKey = "description";
    public const string TrainingKey = "training";
    public const string StepsKey = "steps";
    public const string CreatedKey = "created";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        FormatKey, VersionKey, ConfigKey, StyleNameKey, StyleImageTitleKey, StyleImageArtistKey,
        LicenseKey, DescriptionKey, TrainingKey, StepsKey, CreatedKey,
    };

    /// <summary>The metadata of <paramref name="model"/>, in a fixed order so equal models give equal files.</summary>
    public static Dictionary<string, string> ToMetadata(StyleModel model, string format, string version)
    {
        var info = model.Info;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = format,
            [VersionKey] = version,
            [ConfigKey] = model.Config.ToJson(),
        };
        AddIfSet(metadata, StyleNameKey, info.StyleName);
        AddIfSet(metadata, StyleImageTitleKey, info.StyleImageTitle);
        AddIfSet(metadata, StyleImageArtistKey, info.StyleImageArtist);
        AddIfSet(metadata, LicenseKey, info.License);
        AddIfSet(metadata, DescriptionKey, info.Description);
        AddIfSet(metadata, TrainingKey, info.Training);
        AddIfSet(metadata, StepsKey, info.Steps?.ToString(CultureInfo.InvariantCulture));
        AddIfSet(metadata, CreatedKey, info.Created);
        foreach (var (key, value) in info.Extra)
        {
            // An Extra entry must not shadow a field: on reading it would silently become that field.
            if (Reserved.Contains(key))
            {
                throw new ArgumentException($"StyleModelInfo.Extra must not contain the reserved key '{key}'.", nameof(model));
            }

            metadata.Add(key, value);
        }

        return metadata;
    }

    /// <summary>Reads the known fields of <paramref name="metadata"/>; every other key goes to <see cref="StyleModelInfo.Extra"/>.</summary>
    public static StyleModelInfo ReadInfo(IReadOnlyDictionary<string, string> metadata, string source)
    {
        long? steps = null;
        if (metadata.TryGetValue(StepsKey, out var stepsText))
        {
            steps = long.TryParse(stepsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) && parsed >= 0
                ? parsed
                : throw new InvalidDataException($"Style model '{source}': metadata '{StepsKey}' is not a non-negative integer.");
        }

        return new StyleModelInfo
        {
            StyleName = metadata.GetValueOrDefault(StyleNameKey),
            StyleImageTitle = metadata.GetValueOrDefault(StyleImageTitleKey),
            StyleImageArtist = metadata.GetValueOrDefault(StyleImageArtistKey),
            License = metadata.GetValueOrDefault(LicenseKey),
            Description = metadata.GetValueOrDefault(DescriptionKey),
            Training = metadata.GetValueOrDefault(TrainingKey),
            Steps = steps,
            Created = metadata.GetValueOrDefault(CreatedKey),
            Extra = metadata.Where(e => !Reserved.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        };
    }

    private static void AddIfSet(Dictionary<string, string> metadata, string key, string? value)
    {
        if (value is not null)
        {
            metadata.Add(key, value);
        }
    }
}
