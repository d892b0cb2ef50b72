using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.CoreML;
using Painterly.Onnx;

namespace Painterly.Cli.Commands;

/// <summary>How far a written model's output is from its source's, in levels of 0-255, on the built-in test scene.</summary>
/// <param name="Max">Largest absolute difference.</param>
/// <param name="Mean">Mean absolute difference.</param>
/// <param name="Size">The scene's size.</param>
/// <param name="Runtime">What ran the written file.</param>
/// <param name="Reference">What ran the source.</param>
internal sealed record VerifyResult(double Max, double Mean, ImageSize Size, string Runtime, string Reference);

/// <summary>
/// <c>--verify</c>: runs the file just written in a runtime independent of the writer (ONNX Runtime for .onnx, the
/// reference interpreters for .mlmodel and .mlpackage) and the source in ONNX Runtime, on the test scene, and
/// compares. A model converted with the wrong pre- or post-processing does not crash; this is what catches it.
/// </summary>
internal static class ExportVerifier
{
    /// <summary>Default threshold for float32 weights and compute, in levels.</summary>
    public const double Fp32Threshold = 1;

    /// <summary>Default threshold when weights or compute are float16.</summary>
    public const double Fp16Threshold = 3;

    /// <summary>Default threshold for int8 convolutions, whose rounding is coarser by design.</summary>
    public const double Int8Threshold = 48;

    /// <summary>The side of the scene for models that take any size.</summary>
    public const int AnySizeSide = 256;

    /// <summary>The default threshold for what <paramref name="settings"/> wrote.</summary>
    public static double DefaultThreshold(ExportSettings settings) =>
        settings.Int8 ? Int8Threshold
        : settings.Fp16 || (settings.Format == "mlpackage" && !settings.Fp32) ? Fp16Threshold
        : Fp32Threshold;

    /// <summary>The scene size a written model takes: its fixed or default size, else 256x256.</summary>
    public static ImageSize SceneSize(ExportSettings settings) => settings.Format switch
    {
        "coreml" => From(settings.CoreML.DefaultSize),
        "mlpackage" => From(settings.MlProgram.DefaultSize),
        _ => settings.Size ?? new ImageSize(AnySizeSide, AnySizeSide),
    };

    /// <summary>The reference for a Painterly model: its float32 ONNX export run by ONNX Runtime.</summary>
    public static Func<PlanarImage, (float[] Output, string Name)> Reference(StyleModel model) =>
        image => (Onnx(OnnxExporter.Export(model), image), "the source model in ONNX Runtime");

    /// <summary>
    /// The reference for an ONNX source: the file itself in ONNX Runtime, clamped to 0-255 as exports clamp. A file
    /// fixed to another size than the scene's falls back to <paramref name="imported"/> (the StyleNet read from it),
    /// or fails with a line that says which --size to give.
    /// </summary>
    public static Func<PlanarImage, (float[] Output, string Name)> Reference(string onnxPath, StyleModel? imported) => image =>
    {
        var model = OnnxGraph.ReadFile(onnxPath);
        if (model.Inputs.Count == 1 && model.Inputs[0].Shape is { Count: 4 } dims
            && ((dims[2].Value is { } h && h != image.Height) || (dims[3].Value is { } w && w != image.Width)))
        {
            return imported is not null
                ? (Onnx(OnnxExporter.Export(imported), image), "the StyleNet imported from it in ONNX Runtime")
                : throw new UserException($"{onnxPath} only takes {dims[3].Value}x{dims[2].Value} images, so --verify cannot compare at {image.Width}x{image.Height}; give --size {dims[3].Value}x{dims[2].Value}.");
        }

        return ([.. Onnx(File.ReadAllBytes(onnxPath), image).Select(v => Math.Clamp(v, 0f, 255f))], $"{Path.GetFileName(onnxPath)} in ONNX Runtime");
    };

    /// <summary>Runs <paramref name="target"/> and the reference on the test scene and compares.</summary>
    public static VerifyResult Verify(string target, string format, ImageSize size, Func<PlanarImage, (float[] Output, string Name)> reference)
    {
        var scene = TestScene.RenderPlanar(size.Width, size.Height);
        var (written, runtime) = Run(target, format, scene);
        var (expected, referenceName) = reference(scene);
        if (written.Length != expected.Length)
        {
            throw new UserException($"{target}: --verify: the written model returns {written.Length / 3} pixels for the {size} test scene, the source {expected.Length / 3}; they do not compute the same thing.");
        }

        double max = 0, sum = 0;
        for (int i = 0; i < written.Length; i++)
        {
            double d = Math.Abs(written[i] - expected[i]);
            max = Math.Max(max, double.IsNaN(d) ? double.PositiveInfinity : d);
            sum += d;
        }

        return new VerifyResult(max, sum / written.Length, size, runtime, referenceName);
    }

    /// <summary>The line printed on success; a <see cref="UserException"/> (exit 1, one line) above the threshold.</summary>
    public static string Judge(string target, VerifyResult result, double threshold)
    {
        string numbers = string.Create(CultureInfo.InvariantCulture, $"max {result.Max:0.###}, mean {result.Mean:0.####} levels of 255");
        if (!(result.Max <= threshold))
        {
            throw new UserException(string.Create(CultureInfo.InvariantCulture, $"{target}: --verify failed: {numbers} against {result.Reference} on the {result.Size} test scene, above the threshold {threshold:0.###}; the written model computes something else (pre- or post-processing?), do not ship it."));
        }

        return string.Create(CultureInfo.InvariantCulture, $"verified: {result.Runtime} vs {result.Reference} on the {result.Size} test scene: {numbers} (threshold {threshold:0.###})");
    }

    private static (float[] Output, string Runtime) Run(string target, string format, PlanarImage scene) => format switch
    {
        "coreml" => (new CoreMLInterpreter(File.ReadAllBytes(target)).Run(scene).Data, "the Core ML reference interpreter"),
        "mlpackage" => (new MlProgramInterpreter(target).Run(scene).Data, "the ML Program reference interpreter"),
        "safetensors" => (Onnx(OnnxExporter.Export(StyleModelFile.Load(target)), scene), "the written model file in ONNX Runtime"),
        _ => (Onnx(File.ReadAllBytes(target), scene), "ONNX Runtime"),
    };

    /// <summary>Runs ONNX bytes on the scene: float32 [1, 3, H, W] models directly, uint8 RGBA pixel models through pixels.</summary>
    private static float[] Onnx(byte[] model, PlanarImage scene)
    {
        using var session = new InferenceSession(model);
        var input = session.InputMetadata.First();
        if (input.Value.ElementType != typeof(byte))
        {
            using var stylizer = OnnxStylizer.FromBytes(model);
            return stylizer.Stylize(scene.Data, scene.Width, scene.Height);
        }

        int w = scene.Width, h = scene.Height, plane = w * h;
        var rgba = new DenseTensor<byte>([1, h, w, 4]);
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                rgba.Buffer.Span[(4 * i) + c] = (byte)Math.Clamp(MathF.Round(scene.Data[(c * plane) + i]), 0, 255);
            }

            rgba.Buffer.Span[(4 * i) + 3] = 255;
        }

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, rgba)]);
        var pixels = results[0].AsTensor<byte>().ToArray();
        var output = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                output[(c * plane) + i] = pixels[(4 * i) + c];
            }
        }

        return output;
    }

    private static ImageSize From(CoreMLImageSize size) => new(size.Width, size.Height);
}
