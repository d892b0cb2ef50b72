using Google.Protobuf;
using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML;

/// <summary>Reads Core ML <c>.mlmodel</c> files (NeuralNetwork models) and summarises them for <c>inspect</c>.</summary>
public static class CoreMLModelReader
{
    /// <summary>Largest file accepted: protobuf messages cannot exceed 2 GiB.</summary>
    public const long MaxBytes = int.MaxValue;

    /// <summary>Reads the model file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a Core ML NeuralNetwork model, or is too large.</exception>
    public static Model ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new InvalidDataException($"'{path}' is {length} bytes; a Core ML model file is at most {MaxBytes} bytes.");
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a model from <paramref name="stream"/> (left open).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a Core ML NeuralNetwork model, or are too many.</exception>
    public static Model Read(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InvalidDataException($"'{sourceName}' is over {MaxBytes} bytes; a Core ML model file is at most that.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.ToArray(), sourceName);
    }

    /// <summary>Parses <c>.mlmodel</c> bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a Core ML NeuralNetwork model.</exception>
    public static Model Parse(byte[] bytes, string sourceName = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new InvalidDataException($"'{sourceName}' is empty, not a Core ML model.");
        }

        Model model;
        try
        {
            model = Model.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{sourceName}' is not a Core ML model (not a valid protobuf message: {OneLine(e.Message)}).", e);
        }

        // Protobuf is lenient: many byte strings parse. A real model declares a version and a description.
        if (model.SpecificationVersion < 1 || model.Description is null)
        {
            throw new InvalidDataException($"'{sourceName}' is not a Core ML model (no specification version or description).");
        }

        if (model.NeuralNetwork is null)
        {
            throw new InvalidDataException($"'{sourceName}' is a Core ML model but not a NeuralNetwork; classifiers, regressors, pipelines and ML Programs are not supported.");
        }

        return model;
    }

    /// <summary>What <c>inspect</c> shows of <paramref name="model"/>.</summary>
    public static CoreMLModelSummary Summarize(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var description = model.Description ?? new ModelDescription();
        var network = model.NeuralNetwork ?? new NeuralNetwork();
        var metadata = description.Metadata ?? new Metadata();
        var layers = network.Layers.Select(LayerDescriber.Describe).ToList();

        long fp32 = 0, fp16 = 0, bytes = 0;
        foreach (var weights in network.Layers.SelectMany(LayerWeights.Of).Select(w => w.Weights))
        {
            fp32 += weights.FloatValue.Count;
            fp16 += weights.Float16Value.Length / 2;
            bytes += WeightValues.BytesOf(weights);
        }

        return new CoreMLModelSummary
        {
            SpecificationVersion = model.SpecificationVersion,
            OperatingSystems = CoreMLSpecVersion.OperatingSystems(model.SpecificationVersion),
            RequiredSpecificationVersion = CoreMLSpecVersion.Required(model),
            Inputs = [.. description.Input.Select(FeatureDescriber.Describe)],
            Outputs = [.. description.Output.Select(FeatureDescriber.Describe)],
            Preprocessing = [.. network.Preprocessing.Select(Preprocessing)],
            Layers = layers,
            ParameterCount = layers.Sum(l => l.ParameterCount),
            Float32Parameters = fp32,
            Float16Parameters = fp16,
            WeightBytes = bytes,
            ShortDescription = metadata.ShortDescription,
            Author = metadata.Author,
            License = metadata.License,
            VersionString = metadata.VersionString,
            UserDefined = [.. metadata.UserDefined],
        };
    }

    /// <summary>Reads and summarises the model file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a Core ML NeuralNetwork model.</exception>
    public static CoreMLModelSummary Inspect(string path) => Summarize(ReadFile(path));

    private static string Preprocessing(NeuralNetworkPreprocessing p) => p.PreprocessorCase switch
    {
        NeuralNetworkPreprocessing.PreprocessorOneofCase.Scaler => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{p.FeatureName}: scaler x * {p.Scaler.ChannelScale} + bias (R {p.Scaler.RedBias}, G {p.Scaler.GreenBias}, B {p.Scaler.BlueBias}, gray {p.Scaler.GrayBias})"),
        _ => $"{p.FeatureName}: a preprocessor outside this reader's subset (e.g. mean image)",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
