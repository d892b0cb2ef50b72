using System.Globalization;
using System.Text.Json;
using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// Which StyleNet stages run as int8 convolutions and the activation ranges to quantize them with, from
/// <see cref="OnnxInt8Planner"/>. Stages not listed stay float32. Kept in a model file's metadata under
/// <see cref="MetadataKey"/>, tied to the weights by a fingerprint so that a stale entry is ignored.
/// </summary>
public sealed record OnnxInt8Calibration
{
    /// <summary>The model-file metadata key holding the calibration as JSON.</summary>
    public const string MetadataKey = StyleModelFile.Int8CalibrationKey;

    // A StyleNet has at most a few dozen convolutions; anything longer is not a calibration.
    private const int MaxJsonLength = 64 * 1024;

    /// <summary>Ranges by stage name (e.g. <c>res1.conv1</c>), in the order the stages were chosen.</summary>
    public required IReadOnlyDictionary<string, OnnxConvRanges> Convs { get; init; }

    /// <summary>What the planner measured: PSNR in dB of the int8 output against float32 on its worst calibration picture.</summary>
    public double PsnrDb { get; init; }

    /// <summary>Reads the calibration stored in <paramref name="model"/>'s metadata, if it belongs to these weights.</summary>
    /// <returns>Null when there is none or it was made for other weights (e.g. a file retrained after calibrating).</returns>
    /// <exception cref="InvalidDataException">The entry is malformed or names stages the network lacks.</exception>
    public static OnnxInt8Calibration? ReadFrom(StyleModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Info.Extra.TryGetValue(MetadataKey, out var json))
        {
            return null;
        }

        var stored = Parse(json);
        if (stored.Fingerprint != Fingerprint(model))
        {
            return null;
        }

        var stages = StyleNetArchitecture.Stages(model.Config).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = stored.Calibration.Convs.Keys.FirstOrDefault(k => !stages.Contains(k));
        return unknown is null
            ? stored.Calibration
            : throw new InvalidDataException($"Metadata '{MetadataKey}' names the stage '{unknown}', which this network does not have.");
    }

    /// <summary>A copy of <paramref name="model"/> whose metadata carries this calibration.</summary>
    public StyleModel StoreIn(StyleModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var extra = new Dictionary<string, string>(model.Info.Extra, StringComparer.Ordinal) { [MetadataKey] = ToJson(Fingerprint(model)) };
        return new StyleModel(model.Config, model.Weights, model.Info with { Extra = extra });
    }

    /// <summary>
    /// A hash of the weights rounded to float16, so that saving the model as float16 keeps its calibration valid.
    /// </summary>
    internal static string Fingerprint(StyleModel model)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a, 64 bit
        foreach (var tensor in model.Weights.Values)
        {
            foreach (float value in tensor.Data)
            {
                hash = (hash ^ BitConverter.HalfToUInt16Bits((Half)value)) * 1099511628211UL;
            }
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private string ToJson(string fingerprint)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("fingerprint", fingerprint);
            if (double.IsFinite(PsnrDb))
            {
                json.WriteNumber("psnr_db", Math.Round(PsnrDb, 2));
            }

            json.WriteStartObject("convs");
            foreach (var (stage, ranges) in Convs)
            {
                json.WriteStartArray(stage);
                foreach (float v in (float[])[ranges.Input.Min, ranges.Input.Max, ranges.Output.Min, ranges.Output.Max])
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (string Fingerprint, OnnxInt8Calibration Calibration) Parse(string json)
    {
        if (json.Length > MaxJsonLength)
        {
            throw Malformed($"is {json.Length} characters long");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string fingerprint = root.GetProperty("fingerprint").GetString() ?? throw Malformed("has a null fingerprint");
            var convs = new Dictionary<string, OnnxConvRanges>(StringComparer.Ordinal);
            foreach (var conv in root.GetProperty("convs").EnumerateObject())
            {
                var v = conv.Value.EnumerateArray().Select(e => e.GetSingle()).ToArray();
                if (v.Length != 4 || !v.All(float.IsFinite) || !(v[0] < v[1]) || !(v[2] < v[3]))
                {
                    throw Malformed($"has an invalid range for '{conv.Name}' (expected 4 finite numbers, min < max)");
                }

                if (!convs.TryAdd(conv.Name, new OnnxConvRanges(new(v[0], v[1]), new(v[2], v[3]))))
                {
                    throw Malformed($"lists '{conv.Name}' twice");
                }
            }

            double psnr = root.TryGetProperty("psnr_db", out var p) ? p.GetDouble() : 0;
            return (fingerprint, new OnnxInt8Calibration { Convs = convs, PsnrDb = psnr });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw Malformed("is not valid calibration JSON: " + e.Message, e);
        }
    }

    private static InvalidDataException Malformed(string what, Exception? inner = null) =>
        new($"Metadata '{MetadataKey}' {what}; re-export the model to recalibrate it.", inner);
}
