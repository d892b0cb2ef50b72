using System.Globalization;
using System.Reflection;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>Turns a model card (<see cref="StyleModelInfo"/>) into ONNX <c>metadata_props</c>.</summary>
internal static class OnnxModelMetadata
{
    /// <summary>Painterly's version without the source-revision suffix, so exports are reproducible across commits.</summary>
    public static string PainterlyVersion { get; } = ReadVersion();

    public static IEnumerable<StringStringEntryProto> Entries(StyleModel model)
    {
        var info = model.Info;
        var entries = new List<(string Key, string? Value)>
        {
            (OnnxMetadataKeys.StyleName, info.StyleName),
            (OnnxMetadataKeys.StyleImageTitle, info.StyleImageTitle),
            (OnnxMetadataKeys.StyleImageArtist, info.StyleImageArtist),
            (OnnxMetadataKeys.License, info.License),
            (OnnxMetadataKeys.Description, info.Description),
            (OnnxMetadataKeys.Training, info.Training),
            (OnnxMetadataKeys.Steps, info.Steps?.ToString(CultureInfo.InvariantCulture)),
            (OnnxMetadataKeys.Created, info.Created),
            (OnnxMetadataKeys.StyleNetConfig, model.Config.ToJson()),
            (OnnxMetadataKeys.PainterlyVersion, PainterlyVersion),
        };
        var known = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

        // Extra entries ride along, but never shadow the keys above (ONNX wants distinct keys).
        entries.AddRange(info.Extra
            .Where(e => !known.Contains(e.Key) && e.Key != StyleModelFile.Int8CalibrationKey)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, (string?)e.Value)));

        return entries
            .Where(e => e.Value is not null)
            .Select(e => new StringStringEntryProto { Key = e.Key, Value = e.Value });
    }

    private static string ReadVersion()
    {
        var assembly = typeof(OnnxModelMetadata).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
