using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Painterly.CoreML.Tests.Writing;

/// <summary>
/// Decodes exported models with Google's own protoc against our schema: an independent parser confirms the bytes
/// are a well-formed <c>CoreML.Specification.Model</c> and every field we write is a field the schema names.
/// Needs <c>protoc</c> (Debian: protobuf-compiler); skipped without it, except on CI where it must be installed.
/// </summary>
public partial class ProtocDecodeTests
{
    [SkippableTheory]
    [InlineData("default", new[] { "specificationVersion: 1", "reflection {", "instanceNormalization: true", "computeMeanVar: true", "epsilon: 1e-05", "channelScale: 1", "colorSpace: RGB", "name: \"image\"", "name: \"stylized\"", "type: THRESHOLD", "scalingFactor: 2", "key: \"style_name\"" })]
    [InlineData("fp16", new[] { "specificationVersion: 2", "float16Value: \"" })]
    [InlineData("enumerated", new[] { "specificationVersion: 3", "enumeratedSizes {" })]
    [InlineData("range", new[] { "specificationVersion: 3", "imageSizeRange {", "upperBound: 2048" })]
    [InlineData("ios13", new[] { "specificationVersion: 4", "clip {", "maxVal: 255" })]
    [InlineData("transposed", new[] { "specificationVersion: 1", "isDeconvolution: true", "crop {", "width: 640" })]
    public void Protoc_DecodesTheExportedModel(string option, string[] expected)
    {
        var (model, options) = RoundTripTests.Case(option);
        string text = Decode(CoreMLExporter.Export(model, options));

        foreach (var line in expected)
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }

        // protoc prints fields missing from the schema by number ("1234: ..."): there must be none.
        Assert.DoesNotMatch(UnknownField(), text);
        if (option == "default")
        {
            Assert.DoesNotContain("float16Value", text, StringComparison.Ordinal);
            Assert.DoesNotContain("isDeconvolution", text, StringComparison.Ordinal);
        }
    }

    internal static string Decode(byte[] mlmodel)
    {
        string? protoc = FindProtoc();
        if (protoc is null)
        {
            Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")), "protoc is not installed on CI; install Debian's protobuf-compiler.");
            throw new SkipException("protoc not found; install protobuf-compiler to run the protoc --decode checks.");
        }

        // CoreML.proto imports Specification/MIL.proto, so the root is the folder above.
        string protoDir = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(protoc)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--proto_path={protoDir}");
        start.ArgumentList.Add("--decode=CoreML.Specification.Model");
        start.ArgumentList.Add("Specification/CoreML.proto");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(mlmodel);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000), "protoc did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"protoc failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    private static string? FindProtoc() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "protoc"))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"^\s*\d+:", RegexOptions.Multiline)]
    internal static partial Regex UnknownField();
}
