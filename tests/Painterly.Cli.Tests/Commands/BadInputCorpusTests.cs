using Painterly.Core.Models;
using Painterly.Core.Tests.Images;
using SkiaSharp;

namespace Painterly.Cli.Tests.Commands;

/// <summary>
/// A corpus of broken files, made here from small valid ones (cut short, bytes overwritten, length fields maxed),
/// through every command that reads them. Each run either works or fails in one line that names the file, with no
/// stack trace, nothing left in the output folder and a bounded amount of memory allocated.
/// </summary>
public sealed class BadInputCorpusTests : IDisposable
{
    private const long AllocationBound = 256L << 20;
    private readonly TempFolder temp = new();

    public static TheoryData<string> Kinds => ["safetensors", "onnx", "mlmodel", "pth", "png", "jpg", "gif"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryBrokenFileWorksOrFailsInOneLineNamingIt(string kind)
    {
        byte[] valid = Valid(kind);
        int runs = 0, failures = 0;
        foreach (var (name, bytes) in Mutations(valid))
        {
            string file = temp.File($"{name}.{kind}");
            File.WriteAllBytes(file, bytes);
            foreach (var (command, output) in Commands(kind, file))
            {
                string outFolder = Path.GetDirectoryName(output)!;
                Directory.CreateDirectory(outFolder);
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var result = CliRunner.Run(command);
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                string what = $"{string.Join(' ', command[..1])} on {name}.{kind}";
                runs++;

                Assert.True(allocated < AllocationBound, $"{what}: allocated {allocated >> 20} MB");
                Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
                if (result.ExitCode == 0)
                {
                    continue;
                }

                failures++;
                Assert.True(result.ExitCode == 1, $"{what}: exit {result.ExitCode}: {result.Error}");
                string line = Assert.Single(result.ErrorLines);
                Assert.Contains(Path.GetFileName(file), line, StringComparison.Ordinal);
                Assert.Empty(Directory.GetFileSystemEntries(outFolder));
                Directory.Delete(outFolder);
            }

            File.Delete(file);
        }

        // Most mutations must really be broken, or the corpus tests nothing.
        Assert.True(failures > runs / 2, $"only {failures} of {runs} runs failed");
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Mutations(byte[] valid)
    {
        yield return ("empty", []);
        yield return ("one-byte", valid[..1]);
        foreach (int percent in new[] { 10, 50, 90, 99 })
        {
            yield return ($"cut-{percent}", valid[..(valid.Length * percent / 100)]);
        }

        // Length and count fields sit near the start of every format here: max them out, or zero them.
        foreach (int at in new[] { 0, 4, 8, 16 })
        {
            foreach (byte fill in new byte[] { 0xFF, 0x00 })
            {
                byte[] copy = [.. valid];
                copy.AsSpan(at, Math.Min(8, copy.Length - at)).Fill(fill);
                yield return ($"fill-{fill:x2}-at-{at}", copy);
            }
        }

        var random = new Random(13);
        for (int i = 0; i < 4; i++)
        {
            byte[] copy = [.. valid];
            for (int k = 0; k < 16; k++)
            {
                copy[random.Next(Math.Min(copy.Length, 512))] = (byte)random.Next(256);
            }

            yield return ($"scrambled-head-{i}", copy);
        }

        yield return ("random", [.. Enumerable.Range(0, 300).Select(i => (byte)((i * 131) ^ 0x5A))]);
    }

    private IEnumerable<(string[] Command, string Output)> Commands(string kind, string file)
    {
        string Output(string name) => Path.Combine(temp.Path, "out-" + Guid.NewGuid().ToString("N"), name);
        if (kind is "png" or "jpg" or "gif")
        {
            string stylized = Output("stylized.png");
            yield return (["stylize", file, "--style", "seeded", "-o", stylized], stylized);
            yield break;
        }

        string inspected = Output("unused");
        yield return (["inspect", file], inspected);
        if (kind is "safetensors" or "onnx")
        {
            // A .pth or .mlmodel as --style is a usage error by its name alone (ErrorMessageTests).
            string scene = Output("scene.png");
            yield return (["stylize", "--style", file, "--scene-size", "32", "-o", scene], scene);
        }

        if (kind != "mlmodel")
        {
            string converted = Output("converted.onnx");
            yield return (["convert", file, "--to", "onnx", "-o", converted], converted);
        }
    }

    private static byte[] Valid(string kind)
    {
        var model = SeededStyleModel.Create(new StyleNetConfig(8, 1), 3);
        switch (kind)
        {
            case "safetensors":
                using (var stream = new MemoryStream())
                {
                    StyleModelFile.Save(stream, model);
                    return stream.ToArray();
                }

            case "onnx":
                return Painterly.Onnx.OnnxExporter.Export(model);
            case "mlmodel":
                return Painterly.CoreML.CoreMLExporter.Export(model);
            case "pth":
                return File.ReadAllBytes(ConversionFixtures.PyTorch("transformer-c8.pth"));
            default:
                using (var bitmap = TestImages.Noise(48, 40))
                {
                    return kind switch
                    {
                        "png" => TestImages.Encode(bitmap, SKEncodedImageFormat.Png),
                        "jpg" => TestImages.Encode(bitmap, SKEncodedImageFormat.Jpeg),
                        _ => Gif(),
                    };
                }
        }
    }

    /// <summary>A 2x2 GIF89a (SkiaSharp encodes no GIF): header, palette, one image, LZW data, trailer.</summary>
    private static byte[] Gif() =>
    [
        .. "GIF89a"u8, 2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
        0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0, 2, 3, 0x44, 0x34, 0x05, 0, 0x3B,
    ];

    public void Dispose() => temp.Dispose();
}
