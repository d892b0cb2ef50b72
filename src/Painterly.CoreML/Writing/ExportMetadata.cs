using System.Globalization;
using System.Reflection;
using Google.Protobuf.Collections;
using Painterly.Core.Models;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Writing;

/// <summary>The model card of an exported style model: Xcode shows these fields in its model view.</summary>
internal static class ExportMetadata
{
    public static Metadata Of(StyleModel model, CoreMLExportOptions options)
    {
        var info = model.Info;
        string style = info.StyleName ?? "style";
        var metadata = new Metadata
        {
            ShortDescription = info.Description ?? $"Painterly fast style transfer ({style}): RGB image in, stylized RGB image out.",
            Author = options.Author,
            VersionString = options.ModelVersion,
            License = info.License ?? string.Empty,
        };

        var user = metadata.UserDefined;
        user.Add("format", StyleModelFile.Format);
        AddIfSet(user, "style_name", info.StyleName);
        AddIfSet(user, "style_image_title", info.StyleImageTitle);
        AddIfSet(user, "style_image_artist", info.StyleImageArtist);
        user.Add("config", model.Config.ToJson());
        AddIfSet(user, "training", info.Training);
        AddIfSet(user, "steps", info.Steps?.ToString(CultureInfo.InvariantCulture));
        AddIfSet(user, "created", info.Created);
        foreach (var (key, value) in info.Extra.Where(e => e.Key != StyleModelFile.Int8CalibrationKey))
        {
            user.TryAdd(key, value);
        }

        user["painterly_version"] = PainterlyVersion();
        return metadata;
    }

    private static void AddIfSet(MapField<string, string> user, string key, string? value)
    {
        if (value is not null)
        {
            user[key] = value;
        }
    }

    /// <summary>The informational version without the source revision suffix.</summary>
    private static string PainterlyVersion()
    {
        string version = typeof(ExportMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
