using Painterly.Core.Models;
using Painterly.CoreML;
using Painterly.CoreML.MlProgram;
using Painterly.Onnx;

namespace Painterly.Cli.Commands;

/// <summary>Writes a style model in the format <c>export</c> and <c>convert</c> were asked for, and says what was written.</summary>
internal static class ModelWriter
{
    public static readonly string[] Formats = ["onnx", "coreml", "mlpackage", "safetensors"];

    /// <summary>The file extension of a format.</summary>
    public static string Extension(string format) => format == "coreml" ? "mlmodel" : format;

    /// <summary>Megabytes on disk of a model file or package folder.</summary>
    public static double Megabytes(string path) => (Directory.Exists(path)
        ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
        : new FileInfo(path).Length) / 1024.0 / 1024.0;

    /// <summary>Writes <paramref name="model"/> to <paramref name="target"/> atomically; returns a few words about it.</summary>
    public static string Write(StyleModel model, string target, ExportSettings settings)
    {
        var int8 = settings.Int8 ? OnnxInt8Planner.StoredOrPlanned(model) : null;
        switch (settings.Format)
        {
            case "safetensors":
                // The model file itself, e.g. of a built-in style, for PyTorch or another tool.
                StyleModelFile.Save(target, int8 is null ? model : int8.StoreIn(model), settings.Fp16);
                return (settings.Fp16 ? "fp16 weights" : "fp32 weights") + DescribeInt8(int8);
            case "coreml":
                var options = settings.CoreML;
                CoreMLExporter.Save(target, model, options);
                return DescribeCoreML(CoreMLModelReader.ReadFile(target), options);
            case "mlpackage":
                var program = settings.MlProgram;
                return DescribeMlProgram(MlProgramExporter.Save(target, model, program), program);
            default:
                var onnx = int8 is { Convs.Count: > 0 } ? settings.Onnx with { Quantization = int8 } : settings.Onnx;
                OnnxExporter.ExportToFile(model, target, onnx);
                return DescribeOnnx(onnx) + DescribeInt8(int8);
        }
    }

    private static string DescribeInt8(OnnxInt8Calibration? int8) => int8 switch
    {
        null => "",
        { Convs.Count: 0 } => ", int8 calibration: no convolution keeps the PSNR floor, all stay fp32",
        _ => $", int8 in {int8.Convs.Count} convolution stages ({int8.PsnrDb:F1} dB on the test scenes)",
    };

    /// <summary>"Core ML spec version N (needs iOS ..., macOS ...), sizes, weights".</summary>
    public static string DescribeCoreML(CoreML.Specification.Model written, CoreMLExportOptions options)
    {
        string sizes = options.EnumeratedSizes is { } list ? $"sizes {string.Join(", ", list)}"
            : options.SizeRange is { } range ? $"sides {range}, default {options.DefaultSize}"
            : $"{options.DefaultSize}";
        return $"Core ML spec version {written.SpecificationVersion} (needs {CoreMLSpecVersion.OperatingSystems(written.SpecificationVersion)} or later), {sizes}, {(options.Fp16 ? "fp16" : "fp32")} weights";
    }

    /// <summary>"ML Program, spec version N (needs ...), opset, sizes, precision".</summary>
    public static string DescribeMlProgram(MlPackage written, MlProgramExportOptions options)
    {
        string sizes = options.EnumeratedSizes is { } list ? $"sizes {string.Join(", ", list)}"
            : options.SizeRange is { } range ? $"sides {range}"
            : $"{options.DefaultSize}";
        return $"ML Program, spec version {written.Model.SpecificationVersion} (needs {CoreMLSpecVersion.OperatingSystems(written.Model.SpecificationVersion)} or later), opset {options.Opset}, {sizes}, {(options.Fp32 ? "fp32" : "fp16")} weights and compute";
    }

    private static string DescribeOnnx(OnnxExportOptions options) => string.Join(", ", new[]
    {
        options.FixedSize is { } s ? $"{s}" : "any size",
        options.PixelIO ? "uint8 RGBA in/out" : "float32 RGB 0-255 in/out",
        options.Fp16Weights ? "fp16 weights" : "fp32 weights",
    });
}
