using Painterly.Core.Models;

namespace Painterly.Core.PyTorch;

/// <summary>
/// Reads the tensors of a PyTorch checkpoint (<c>torch.save(model.state_dict(), path)</c>) without PyTorch and
/// without running anything from the file: the pickle is read by <see cref="PickleReader"/>, which refuses every
/// Python global a state_dict does not need. Both the zip format (torch &gt;= 1.6) and the legacy format (older,
/// or <c>_use_new_zipfile_serialization=False</c>) are read; float32, float16, bfloat16, float64, int64 and
/// int32 tensors become float32. A state_dict wrapped in a training checkpoint (<c>{"state_dict": ...}</c>,
/// <c>{"model": ..., "optimizer": ...}</c>) is found, and a DataParallel <c>module.</c> prefix is removed.
/// </summary>
public static class TorchCheckpointReader
{
    /// <summary>Largest checkpoint accepted (1 GiB), and the most tensor bytes read from one.</summary>
    public const long MaxCheckpointBytes = 1L << 30;

    private static readonly byte[] ZipMagic = "PK"u8.ToArray();
    private const byte PickleProto = 0x80;

    /// <summary>Reads every tensor of the state_dict in the checkpoint at <paramref name="path"/>, in the file's order.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable checkpoint, or names a Python global a state_dict never needs.</exception>
    public static IReadOnlyDictionary<string, FloatTensor> Read(string path)
    {
        using var stream = OpenFile(path);
        return Read(stream, path);
    }

    /// <summary>Reads every tensor of the checkpoint in <paramref name="stream"/> (from its position; left open).</summary>
    /// <inheritdoc cref="Read(string)"/>
    public static IReadOnlyDictionary<string, FloatTensor> Read(Stream stream, string sourceName = "<stream>")
    {
        return ToFloatTensors(Parse(stream, sourceName, _ => true));
    }

    private static Dictionary<string, FloatTensor> ToFloatTensors(IReadOnlyList<(string Name, TorchTensorReference Tensor)> tensors)
    {
        var result = new Dictionary<string, FloatTensor>(tensors.Count, StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            result.Add(name, TorchTensorDecoder.ToFloatTensor(tensor));
        }

        return result;
    }

    /// <summary>The name, stored dtype and shape of every tensor in the checkpoint at <paramref name="path"/>.</summary>
    /// <inheritdoc cref="Read(string)"/>
    public static IReadOnlyList<TorchTensorInfo> Inspect(string path)
    {
        using var stream = OpenFile(path);
        return Inspect(stream, path);
    }

    /// <summary>The name, stored dtype and shape of every tensor in the checkpoint in <paramref name="stream"/> (left open).</summary>
    /// <inheritdoc cref="Read(string)"/>
    public static IReadOnlyList<TorchTensorInfo> Inspect(Stream stream, string sourceName = "<stream>") =>
        [.. Parse(stream, sourceName, _ => false).Select(t => new TorchTensorInfo(t.Name, t.Tensor.Storage.DType, t.Tensor.Shape))];

    /// <summary>
    /// Reads a pytorch/examples fast_neural_style checkpoint as a <see cref="StyleModel"/>: the StyleNet config is
    /// inferred from the tensor names and shapes, and stale InstanceNorm running statistics are dropped.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a readable checkpoint, or not a TransformerNet.</exception>
    public static StyleModel ReadStyleModel(string path)
    {
        using var stream = OpenFile(path);
        return ReadStyleModel(stream, path);
    }

    /// <summary>Reads a pytorch/examples checkpoint in <paramref name="stream"/> (left open) as a <see cref="StyleModel"/>.</summary>
    /// <inheritdoc cref="ReadStyleModel(string)"/>
    public static StyleModel ReadStyleModel(Stream stream, string sourceName = "<stream>")
    {
        // Names, shapes and types are checked before any storage is inflated, so a tiny file cannot make this
        // decode a gigabyte that no StyleNet holds.
        InvalidDataException? notAStyle = null;
        var tensors = Parse(stream, sourceName, tensors =>
        {
            // Layers' weights and biases must be real numbers; integer tensors elsewhere (a norm's batch counter)
            // are bookkeeping that the conversion drops.
            if (tensors.FirstOrDefault(t => IsLayerParameter(t.Name) && !t.Tensor.Storage.DType.IsFloatingPoint()) is { Name: { } name } integer)
            {
                throw new InvalidDataException($"tensor '{name}' is stored as {integer.Tensor.Storage.DType.ToHeaderName()}; a style's weights are floating point, so this is not a trained style.");
            }

            try
            {
                TransformerNetCheckpoint.CheckShapes(tensors.ToDictionary(t => t.Name, t => t.Tensor.Shape, StringComparer.Ordinal), sourceName);
                return true;
            }
            catch (InvalidDataException e)
            {
                notAStyle = e; // a style model's message, not a broken checkpoint's
                return false;
            }
        });
        if (notAStyle is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(notAStyle);
        }

        return TransformerNetCheckpoint.ToStyleModel(ToFloatTensors(tensors), sourceName);
    }

    private static bool IsLayerParameter(string name) =>
        name.EndsWith(".weight", StringComparison.Ordinal) || name.EndsWith(".bias", StringComparison.Ordinal);

    private static FileStream OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    // beforeLoading sees the tensors before their storages are read and says whether to read them (legacy files
    // hold their bytes inline, so there it only checks).
    private static IReadOnlyList<(string Name, TorchTensorReference Tensor)> Parse(Stream stream, string sourceName, Func<IReadOnlyList<(string Name, TorchTensorReference Tensor)>, bool> beforeLoading)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        try
        {
            var seekable = Seekable(stream);
            try
            {
                Span<byte> head = stackalloc byte[2];
                int read = seekable.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                seekable.Position -= read;
                if (read == head.Length && head.SequenceEqual(ZipMagic))
                {
                    return TorchZipCheckpoint.Read(seekable, MaxCheckpointBytes, beforeLoading);
                }

                if (read > 0 && head[0] == PickleProto)
                {
                    var tensors = TorchLegacyCheckpoint.Read(ReadAll(seekable), MaxCheckpointBytes);
                    _ = beforeLoading(tensors);
                    return tensors;
                }

                throw new InvalidDataException("is not a PyTorch checkpoint: it starts with neither a zip header (torch >= 1.6) nor a pickle (older torch).");
            }
            finally
            {
                if (!ReferenceEquals(seekable, stream))
                {
                    seekable.Dispose();
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"PyTorch checkpoint '{sourceName}': {e.Message}", e);
        }
    }

    // ZipArchive needs to seek, and the legacy reader needs the bytes anyway: a forward-only stream is copied,
    // up to the size limit.
    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            if (stream.Length - stream.Position > MaxCheckpointBytes)
            {
                throw TooLarge();
            }

            return stream;
        }

        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            if (copy.Length + n > MaxCheckpointBytes)
            {
                throw TooLarge();
            }

            copy.Write(buffer, 0, n);
        }

        copy.Position = 0;
        return copy;
    }

    private static byte[] ReadAll(Stream stream)
    {
        var bytes = new byte[stream.Length - stream.Position];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static InvalidDataException TooLarge() => new($"is larger than the {MaxCheckpointBytes}-byte limit.");
}
