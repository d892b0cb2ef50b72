using Painterly.Core.Models;
using Painterly.Core.Tests.Images;
using SkiaSharp;

namespace Painterly.Cli.Tests.Commands;

/// <summary>Errors say which file, what it is and what to do, in one line, on stderr, and print nothing raw from files.</summary>
public class ErrorMessageTests
{
    [Fact]
    public void OnnxStyleThatOnnxRuntimeCannotLoadIsOneLineNamingTheFile()
    {
        using var temp = new TempFolder();
        string style = temp.File("bad.onnx");
        File.WriteAllBytes(style, [0x08, 0x07, 0x12, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02]);

        var result = CliRunner.Run("stylize", "--style", style, "--scene-size", "32", "-o", temp.File("o.png"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("bad.onnx", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ErrorCode", line, StringComparison.Ordinal);
        Assert.DoesNotContain("OnnxRuntimeException", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("painting.jpg", "train")]
    [InlineData("checkpoint.pth", "convert")]
    [InlineData("legacy.model", "convert")]
    [InlineData("model.mlmodel", "Core ML")]
    public void StyleFileOfAnotherKindSaysWhatItIs(string name, string advice)
    {
        using var temp = new TempFolder();
        string style = temp.File(name);
        File.WriteAllBytes(style, name switch
        {
            "painting.jpg" => TestImages.Encode(TestImages.Noise(16, 16), SKEncodedImageFormat.Jpeg),
            "checkpoint.pth" => [(byte)'P', (byte)'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0],
            "legacy.model" => [0x80, 0x02, (byte)'}', (byte)'q', 0, 0, 0, 0, 0, 0, 0, 0],
            _ => [0x08, 0x04, 0x12, 0x00, 0, 0, 0, 0, 0, 0, 0, 0],
        });

        foreach (var args in new[] { new[] { "stylize", "--style", style, "--scene-size", "32", "-o", temp.File("o.png") }, ["export", style, "--format", "onnx", "-o", temp.File("o.onnx")] })
        {
            var result = CliRunner.Run(args);
            Assert.Equal(2, result.ExitCode);
            var line = Assert.Single(result.ErrorLines);
            Assert.Contains(name, line, StringComparison.Ordinal);
            Assert.Contains(advice, line, StringComparison.Ordinal);
            Assert.DoesNotContain("header length", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExportIntoAnExistingFolderWritesInsideIt()
    {
        using var temp = new TempFolder();
        string model = temp.File("tiny.safetensors");
        StyleModelFile.Save(model, SeededStyleModel.Create(new StyleNetConfig(8, 1), 1));
        string folder = temp.File("out");
        Directory.CreateDirectory(folder);

        var result = CliRunner.Run("export", model, "--format", "onnx", "-o", folder + "/");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(folder, "tiny.onnx")));
    }

    [Fact]
    public void OutputInAMissingFolderNamesTheOutputNotATemporaryFile()
    {
        using var temp = new TempFolder();
        string model = temp.File("tiny.safetensors");
        StyleModelFile.Save(model, SeededStyleModel.Create(new StyleNetConfig(8, 1), 1));

        var result = CliRunner.Run("export", model, "--format", "onnx", "-o", temp.File("missing/x.onnx"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("x.onnx", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", line, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderRunFailuresGoToStderr()
    {
        using var temp = new TempFolder();
        string photos = temp.File("photos");
        Directory.CreateDirectory(photos);
        File.WriteAllBytes(Path.Combine(photos, "good.png"), TestImages.Encode(TestImages.Noise(32, 32), SKEncodedImageFormat.Png));
        File.WriteAllBytes(Path.Combine(photos, "bad.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);

        var result = CliRunner.Run("stylize", photos, "-o", temp.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.png", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("bad.png", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeSequencesAndOverridesFromFilesAreNotPrintedRaw()
    {
        using var temp = new TempFolder();
        string model = temp.File("evil\u001b[2J\u202Egnp.safetensors");
        var metadata = new Dictionary<string, string> { ["title\u001b]0;pwned\u0007"] = "x\u001b[31mred\u202E" };
        SafetensorsWriter.Write(model, metadata, [("w", new FloatTensor([2], [1f, 2f]))]);

        var inspect = CliRunner.Run("inspect", model);
        var missing = CliRunner.Run("stylize", "--style", temp.File("gone\u001b[2J.safetensors"), "--scene-size", "32");

        Assert.Equal(0, inspect.ExitCode);
        Assert.NotEqual(0, missing.ExitCode);
        foreach (string text in new[] { inspect.Output, inspect.Error, missing.Output, missing.Error })
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u202E', text);
            Assert.DoesNotContain('\u0007', text);
        }
    }

    [Fact]
    public void PipedTablesHaveNoTrailingSpaces()
    {
        using var temp = new TempFolder();
        string model = temp.File("tiny.safetensors");
        StyleModelFile.Save(model, SeededStyleModel.Create(new StyleNetConfig(8, 1), 1));

        foreach (var result in new[] { CliRunner.Run("inspect", model), CliRunner.Run("styles") })
        {
            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain(result.Output.Split('\n'), line => line.EndsWith(' '));
        }
    }

    [Fact]
    public void InspectShowsAtMostAThousandTensorRows()
    {
        using var temp = new TempFolder();
        string model = temp.File("many.safetensors");
        SafetensorsWriter.Write(model, null, Enumerable.Range(0, 1500).Select(i => ($"t{i:D5}", new FloatTensor([1], [1f]))));

        var result = CliRunner.Run("inspect", model);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("t00999", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("t01000", result.Output, StringComparison.Ordinal);
        Assert.Contains("1,500", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportSizeBeyondAnyDeviceIsUsageError()
    {
        var result = CliRunner.Run("export", Painterly.Core.Styles.StyleCatalog.Default.DefaultStyle.Name, "--format", "onnx", "--size", "400000x400000", "-o", "never-written.onnx");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--size", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
