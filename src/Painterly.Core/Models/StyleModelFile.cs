namespace Painterly.Core.Models;

/// <summary>
/// Loads and saves a <see cref="StyleModel"/> as a <c>.safetensors</c> file: tensors under their pytorch/examples
/// names, plus metadata <c>format</c>, <c>version</c>, <c>config</c> (JSON) and the model card fields.
/// Checkpoints converted from pytorch/examples (same names, no metadata) load too.
/// </summary>
public static class StyleModelFile
{
    /// <summary>Value of the <c>format</c> metadata key.</summary>
    public const string Format = "painterly.stylenet";

    /// <summary>
    /// The metadata key of the optional int8 calibration (JSON, written and read by Painterly.Onnx). It describes
    /// this model file's weights for ONNX Runtime only, so exports leave it out.
    /// </summary>
    public const string Int8CalibrationKey = "int8_calibration";

    /// <summary>Value of the <c>version</c> metadata key this code writes and reads.</summary>
    public const string Version = "1";

    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid style model.</exception>
    public static StyleModel Load(string path)
    {
        using var file = SafetensorsFile.Open(path);
        return Load(file);
    }

    /// <summary>Loads a model file from <paramref name="stream"/> (left open); <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid style model.</exception>
    public static StyleModel Load(Stream stream, string sourceName = "<stream>")
    {
        using var file = SafetensorsFile.Open(stream, sourceName, leaveOpen: true);
        return Load(file);
    }

    /// <summary>Loads a model file held in memory.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid style model.</exception>
    public static StyleModel Load(byte[] bytes, string sourceName = "<memory>")
    {
        using var file = SafetensorsFile.Open(bytes, sourceName);
        return Load(file);
    }

    /// <summary>Loads the model held in an opened safetensors file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid style model.</exception>
    public static StyleModel Load(SafetensorsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        bool painterly = file.Metadata.TryGetValue(StyleModelMetadata.FormatKey, out var format);
        var config = painterly ? ReadConfig(file, format!) : TransformerNetCheckpoint.InferConfig(file);
        var expected = StyleNetArchitecture.Parameters(config);
        CheckTensorNames(file, config, expected, allowStaleStats: !painterly);

        // Shapes are checked against the header first, so no data is read for a mismatched file.
        var weights = new Dictionary<string, FloatTensor>(expected.Count, StringComparer.Ordinal);
        foreach (var (name, shape) in expected)
        {
            file.TryGetTensor(name, out var stored);
            if (!stored!.Shape.SequenceEqual(shape))
            {
                throw Fail(file, $"tensor '{name}' has shape [{string.Join(", ", stored.Shape)}], expected [{string.Join(", ", shape)}].");
            }

            if (!stored.DType.IsFloatingPoint())
            {
                throw Fail(file, $"tensor '{name}' is stored as {stored.DType.ToHeaderName()}; a style's weights are floating point (F32, F16 or BF16), so this is not a trained style.");
            }

            weights.Add(name, file.ReadFloat32(name));
        }

        try
        {
            return new StyleModel(config, weights, StyleModelMetadata.ReadInfo(file.Metadata, file.SourceName));
        }
        catch (InvalidDataException e)
        {
            throw Fail(file, e.Message, e);
        }
    }

    /// <summary>Saves <paramref name="model"/> atomically to <paramref name="path"/>, as float32 or float16.</summary>
    public static void Save(string path, StyleModel model, bool fp16 = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafetensorsWriter.Write(path, MetadataOf(model), TensorsOf(model), StorageOf(fp16));
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="stream"/>, as float32 or float16.</summary>
    public static void Save(Stream stream, StyleModel model, bool fp16 = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafetensorsWriter.Write(stream, MetadataOf(model), TensorsOf(model), StorageOf(fp16));
    }

    private static Dictionary<string, string> MetadataOf(StyleModel model) => StyleModelMetadata.ToMetadata(model, Format, Version);

    private static IEnumerable<(string, FloatTensor)> TensorsOf(StyleModel model) => model.Weights.Select(w => (w.Key, w.Value));

    private static SafetensorsDType StorageOf(bool fp16) => fp16 ? SafetensorsDType.F16 : SafetensorsDType.F32;

    private static StyleNetConfig ReadConfig(SafetensorsFile file, string format)
    {
        if (format != Format)
        {
            throw Fail(file, $"metadata format is '{format}', expected '{Format}'.");
        }

        var version = file.Metadata.GetValueOrDefault(StyleModelMetadata.VersionKey);
        if (version != Version)
        {
            throw Fail(file, $"format version '{version ?? "(missing)"}' is not supported (this build reads version {Version}).");
        }

        if (!file.Metadata.TryGetValue(StyleModelMetadata.ConfigKey, out var json))
        {
            throw Fail(file, $"metadata lacks '{StyleModelMetadata.ConfigKey}'.");
        }

        try
        {
            return StyleNetConfig.FromJson(json);
        }
        catch (InvalidDataException e)
        {
            throw Fail(file, e.Message, e);
        }
    }

    private static void CheckTensorNames(SafetensorsFile file, StyleNetConfig config, IReadOnlyList<(string Name, int[] Shape)> expected, bool allowStaleStats)
    {
        foreach (var (name, _) in expected)
        {
            if (!file.TryGetTensor(name, out _))
            {
                throw Fail(file, $"lacks tensor '{name}' (expected by a StyleNet ({config.Describe()})).");
            }
        }

        var names = expected.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var norms = StyleNetArchitecture.Stages(config).Select(s => s.Norm).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            if (!names.Contains(tensor.Name) && !(allowStaleStats && TransformerNetCheckpoint.IsStaleRunningStat(tensor.Name, norms)))
            {
                throw Fail(file, $"has unexpected tensor '{tensor.Name}' for a StyleNet ({config.Describe()}).");
            }
        }
    }

    private static InvalidDataException Fail(SafetensorsFile file, string problem, Exception? inner = null) =>
        new($"Style model '{file.SourceName}': {problem}", inner);
}
