using Google.Protobuf;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>
/// Reads any ONNX file (Painterly's, torch.onnx.export's, ...) into an <see cref="OnnxModelSummary"/>.
/// Fields this reader does not model are skipped.
/// </summary>
public static class OnnxModelReader
{
    /// <summary>Largest file read by default: protobuf messages cannot exceed 2 GiB, larger models keep weights outside.</summary>
    public const long DefaultMaxBytes = int.MaxValue;

    // Discarding unknown fields keeps a large foreign model from holding bytes nobody reads.
    private static readonly MessageParser<ModelProto> Parser = ModelProto.Parser.WithDiscardUnknownFields(true);

    /// <summary>Summarizes the ONNX file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is too large or is not an ONNX model.</exception>
    public static OnnxModelSummary ReadFile(string path, long maxBytes = DefaultMaxBytes) =>
        OnnxModelSummarizer.Summarize(ParseFile(path, maxBytes));

    /// <summary>Summarizes an ONNX model held in memory.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model.</exception>
    public static OnnxModelSummary Read(ReadOnlySpan<byte> bytes, string sourceName = "model") =>
        OnnxModelSummarizer.Summarize(Parse(bytes, sourceName));

    internal static ModelProto ParseFile(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new InvalidDataException($"'{path}' is {length:N0} bytes, over the {maxBytes:N0}-byte limit for an ONNX file.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            return Validated(Parser.ParseFrom(stream), path);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw NotOnnx(path, e.Message, e);
        }
    }

    internal static ModelProto Parse(ReadOnlySpan<byte> bytes, string sourceName)
    {
        try
        {
            return Validated(Parser.ParseFrom(bytes), sourceName);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw NotOnnx(sourceName, e.Message, e);
        }
    }

    private static ModelProto Validated(ModelProto model, string sourceName)
    {
        // Random bytes can parse as a message of unknown fields; a model must at least say its IR version and have a graph.
        if (!model.HasIrVersion || model.IrVersion < 1 || model.Graph is null)
        {
            throw NotOnnx(sourceName, "no IR version or graph", null);
        }

        return model;
    }

    private static InvalidDataException NotOnnx(string sourceName, string reason, Exception? inner) =>
        new($"'{sourceName}' is not an ONNX model ({reason.ReplaceLineEndings(" ").TrimEnd('.')}).", inner);
}
