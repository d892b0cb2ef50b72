using Painterly.Core.Images;
using Painterly.Core.IO;
using Google.Protobuf;
using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// Writes a <see cref="StyleModel"/> as a standard ONNX model (opset 17, IR version 8) that ONNX Runtime,
/// onnxruntime-web and other ONNX tools run without Painterly.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The default-domain opset the graph uses.</summary>
    public const long OpsetVersion = 17;

    /// <summary>The IR version written (the one that introduced opset 17).</summary>
    public const long IrVersion = 8;

    /// <summary>The <c>producer_name</c> written.</summary>
    public const string ProducerName = "painterly";

    /// <summary>Name of the graph input.</summary>
    public const string InputName = "image";

    /// <summary>Name of the graph output.</summary>
    public const string OutputName = "stylized";

    /// <summary>The serialized ONNX model of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">A fixed size is not a multiple of 4 or is under <see cref="ImageSize.MinSide"/>.</exception>
    public static byte[] Export(StyleModel model, OnnxExportOptions? options = null) =>
        StyleNetOnnxModel.Build(model, options ?? OnnxExportOptions.Default).ToByteArray();

    /// <summary>Writes the ONNX model of <paramref name="model"/> to <paramref name="path"/>, replacing it atomically.</summary>
    public static void ExportToFile(StyleModel model, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Export(model, options);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }
}
