using System.Buffers.Binary;
using System.Text;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Tests.Images;
using Painterly.CoreML;
using Painterly.Onnx;
using SkiaSharp;

namespace Painterly.Fuzz;

/// <summary>
/// Seed files for each target, made by Painterly's own writers from a one-channel StyleNet: a few KB each, so AFL++
/// mutates structure rather than weights. The script adds the small committed test fixtures (.pth, .onnx).
/// </summary>
internal static class Seeds
{
    private static readonly StyleModel Nearest = SeededStyleModel.Create(new StyleNetConfig(1, 0), seed: 1);
    private static readonly StyleModel Transposed = SeededStyleModel.Create(new StyleNetConfig(1, 1, StyleNetUpsample.Transposed), seed: 2);

    /// <summary>Writes the seeds of <paramref name="target"/> into <paramref name="folder"/>; returns the exit code.</summary>
    public static int Write(string target, string folder)
    {
        var seeds = target switch
        {
            "safetensors" => Safetensors(),
            "onnx" => Onnx(),
            "mlmodel" => MlModel(),
            "image" => Images(),
            "pth" => [], // the committed fixtures are the seeds: Painterly writes no checkpoints
            _ => null,
        };
        if (seeds is null)
        {
            Console.Error.WriteLine($"no target '{target}'; targets: {string.Join(", ", FuzzTargets.Names)}");
            return 2;
        }

        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in seeds)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        Console.WriteLine($"{seeds.Count} {target} seeds written");
        return 0;
    }

    private static List<(string, byte[])> Safetensors()
    {
        static byte[] Save(StyleModel model, bool fp16)
        {
            using var stream = new MemoryStream();
            StyleModelFile.Save(stream, model, fp16);
            return stream.ToArray();
        }

        using var plain = new MemoryStream();
        SafetensorsWriter.Write(plain, new Dictionary<string, string> { ["note"] = "not a StyleNet" }, [("x", new FloatTensor([2, 3], [1, 2, 3, 4, 5, 6]))]);

        // Every dtype the reader converts, and two it only lists.
        string header = """{"bf":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]},"d":{"dtype":"F64","shape":[1],"data_offsets":[4,12]},"i":{"dtype":"I64","shape":[1],"data_offsets":[12,20]},"j":{"dtype":"I32","shape":[1],"data_offsets":[20,24]},"u":{"dtype":"U8","shape":[2,2],"data_offsets":[24,28]},"b":{"dtype":"BOOL","shape":[],"data_offsets":[28,29]}}""";
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] dtypes = new byte[8 + json.Length + 29];
        BinaryPrimitives.WriteUInt64LittleEndian(dtypes, (ulong)json.Length);
        json.CopyTo(dtypes, 8);
        for (int i = 0; i < 29; i++)
        {
            dtypes[8 + json.Length + i] = (byte)(i * 37);
        }

        return
        [
            ("stylenet-c1.safetensors", Save(Nearest, fp16: false)),
            ("stylenet-c1-fp16.safetensors", Save(Nearest, fp16: true)),
            ("stylenet-c1-transposed.safetensors", Save(Transposed, fp16: true)),
            ("plain.safetensors", plain.ToArray()),
            ("dtypes.safetensors", dtypes),
        ];
    }

    private static List<(string, byte[])> Onnx() =>
    [
        ("stylenet-c1.onnx", OnnxExporter.Export(Nearest)),
        ("stylenet-c1-pixels.onnx", OnnxExporter.Export(Nearest, new OnnxExportOptions { PixelIO = true })),
        ("stylenet-c1-transposed-fp16.onnx", OnnxExporter.Export(Transposed, new OnnxExportOptions { Fp16Weights = true })),
    ];

    private static List<(string, byte[])> MlModel() =>
    [
        ("stylenet-c1.mlmodel", CoreMLExporter.Export(Nearest)),
        ("stylenet-c1-fp16-sizes.mlmodel", CoreMLExporter.Export(Nearest, new CoreMLExportOptions { Fp16 = true, EnumeratedSizes = [new(64, 64), new(128, 96)] })),
        ("stylenet-c1-transposed-range.mlmodel", CoreMLExporter.Export(Transposed, new CoreMLExportOptions { SizeRange = new CoreMLSizeRange(64, 256), MinimumIos = 13 })),
    ];

    private static List<(string, byte[])> Images()
    {
        using var scene = TestScene.Render(16, 12);
        using var clear = TestImages.Bitmap(6, 5, (x, y) => new SKColor((byte)(40 * x), (byte)(50 * y), 200, (byte)(50 * (x + y))), SKAlphaType.Unpremul);
        byte[] jpeg = ImageEncoder.Encode(scene, ImageFileFormat.Jpeg, 80);
        return
        [
            ("scene.png", ImageEncoder.Encode(scene, ImageFileFormat.Png)),
            ("scene.jpg", jpeg),
            ("scene.webp", ImageEncoder.Encode(scene, ImageFileFormat.WebP, 80)),
            ("scene-lossless.webp", TestImages.Encode(clear, SKEncodedImageFormat.Webp, 100)),
            ("alpha.png", TestImages.Encode(clear, SKEncodedImageFormat.Png)),
            ("rotated.jpg", TestImages.WithExifOrientation(jpeg, 6)),
            ("two-frames.gif", TestImages.TwoFrameGif()),
            ("small.bmp", TestImages.Bmp(5, 3, (x, y) => new SKColor((byte)(50 * x), (byte)(80 * y), 7))),
            ("header-only.png", TestImages.PngHeader(40, 30)),
        ];
    }
}
