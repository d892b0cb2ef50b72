using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.PyTorch;
using Painterly.CoreML;
using Painterly.Onnx;

namespace Painterly.Fuzz;

/// <summary>
/// One harness per reader. Each feeds the bytes through what <c>painterly inspect</c>, <c>convert</c> and
/// <c>stylize</c> do with such a file, and swallows only the exceptions the reader documents for bad input; anything
/// else escapes (SharpFuzz reports it to AFL++ as a crash), and so does a hang (AFL++'s timeout) or a process killed
/// for memory (the script caps the managed heap).
/// </summary>
internal static class FuzzTargets
{
    /// <summary>What error messages call the input.</summary>
    private const string Source = "fuzz-input";

    /// <summary>
    /// Pixel limit of the image target: well under the 50 MP default, so a fuzzed header cannot make each run
    /// decode (and so slow down) a huge bitmap; the check itself is the same code whatever the limit.
    /// </summary>
    private const long ImageMaxPixels = 1 << 20;

    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["safetensors"] = Safetensors,
        ["onnx"] = Onnx,
        ["mlmodel"] = MlModel,
        ["pth"] = Pth,
        ["image"] = Image,
    };

    /// <summary>The target names, for usage messages.</summary>
    public static IEnumerable<string> Names => Targets.Keys;

    /// <summary>The harness called <paramref name="name"/>, or null.</summary>
    public static Action<byte[]>? Find(string name) => Targets.GetValueOrDefault(name);

    /// <summary>
    /// <see cref="SafetensorsFile"/> (header and every tensor), <see cref="StyleModelFile"/> and the int8
    /// calibration in the metadata, as <c>inspect</c> and <c>stylize --style</c> read them. Bad input:
    /// <see cref="InvalidDataException"/>.
    /// </summary>
    private static void Safetensors(byte[] data)
    {
        SafetensorsFile file;
        try
        {
            file = SafetensorsFile.Open(data, Source);
        }
        catch (InvalidDataException)
        {
            return;
        }

        using (file)
        {
            long elements = 0, bytes = 0;
            foreach (var tensor in file.Tensors)
            {
                elements += tensor.ElementCount;
                bytes += tensor.ByteLength;
                BadDataIsFine(() => file.ReadFloat32(tensor.Name));
            }

            _ = file.Metadata.Count + elements + bytes;
            StyleModel? model = null;
            BadDataIsFine(() => model = StyleModelFile.Load(file));
            if (model is not null)
            {
                BadDataIsFine(() => OnnxInt8Calibration.ReadFrom(model));
            }
        }
    }

    /// <summary>
    /// <see cref="OnnxModelReader"/> (<c>inspect</c>), <see cref="OnnxGraph"/> and <see cref="OnnxStyleNetImporter"/>
    /// (<c>convert</c>). Bad input: <see cref="InvalidDataException"/>.
    /// </summary>
    private static void Onnx(byte[] data)
    {
        BadDataIsFine(() => OnnxModelReader.Read(data, Source).ToString());
        OnnxGraph graph;
        try
        {
            graph = OnnxGraph.Read(data, Source);
        }
        catch (InvalidDataException)
        {
            return;
        }

        BadDataIsFine(() => OnnxStyleNetImporter.TryImport(graph, Source, out _));
    }

    /// <summary>
    /// <see cref="CoreMLModelReader"/> and its summary (<c>inspect</c>), the required specification version, and
    /// the interpreter's graph check. Bad input: <see cref="InvalidDataException"/>; the interpreter also documents
    /// <see cref="NotSupportedException"/> for models outside what it runs.
    /// </summary>
    private static void MlModel(byte[] data)
    {
        Painterly.CoreML.Specification.Model model;
        try
        {
            model = CoreMLModelReader.Parse(data, Source);
        }
        catch (InvalidDataException)
        {
            return;
        }

        BadDataIsFine(() => CoreMLModelReader.Summarize(model));
        _ = CoreMLSpecVersion.Required(model);
        try
        {
            _ = new CoreMLInterpreter(model);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
        }
    }

    /// <summary>
    /// <see cref="TorchCheckpointReader"/>: the tensor list (<c>inspect</c>) and the StyleNet (<c>convert</c>),
    /// zip and legacy pickle formats alike. Bad input: <see cref="InvalidDataException"/>.
    /// </summary>
    private static void Pth(byte[] data)
    {
        using var stream = new MemoryStream(data, writable: false);
        BadDataIsFine(() => TorchCheckpointReader.Inspect(stream, Source));
        stream.Position = 0;
        BadDataIsFine(() => TorchCheckpointReader.ReadStyleModel(stream, Source));
    }

    /// <summary>
    /// <see cref="ImageDecoder"/> from memory (uploads) and from a stream that cannot seek (pipes): format sniffing,
    /// the header's size check, decoding, EXIF orientation, alpha flattening. Bad input: <see cref="ImageException"/>
    /// (<see cref="InvalidImageException"/>, <see cref="ImageTooLargeException"/>).
    /// </summary>
    private static void Image(byte[] data)
    {
        var options = new ImageDecodeOptions { MaxPixels = ImageMaxPixels };
        try
        {
            using var bitmap = ImageDecoder.Decode(data, Source, options);
        }
        catch (ImageException)
        {
        }

        try
        {
            using var pipe = new ForwardOnlyStream(data);
            using var bitmap = ImageDecoder.Decode(pipe, Source, options);
        }
        catch (ImageException)
        {
        }
    }

    private static void BadDataIsFine(Action read)
    {
        try
        {
            read();
        }
        catch (InvalidDataException)
        {
        }
    }
}
