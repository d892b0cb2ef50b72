using Painterly.Core.Images;
using Painterly.Core.Tests.Images;
using SkiaSharp;

namespace Painterly.Cli.Tests.Commands;

/// <summary>No photo is overwritten, no two photos share an output, and an output named as a file is a file.</summary>
public class OutputSafetyTests
{
    [Fact]
    public void OutputOverTheInputIsRefused()
    {
        using var temp = new TempFolder();
        string input = WritePhoto(temp.File("x.png"));
        byte[] before = File.ReadAllBytes(input);

        var result = CliRunner.Run("stylize", input, "-o", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("x.png", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void SameNameWithTwoExtensionsGivesTwoOutputs()
    {
        using var temp = new TempFolder();
        string photos = temp.File("photos");
        Directory.CreateDirectory(photos);
        WritePhoto(Path.Combine(photos, "pic.jpg"));
        WritePhoto(Path.Combine(photos, "pic.png"));
        string output = temp.File("out");

        var result = CliRunner.Run("stylize", photos, "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, Directory.GetFiles(output).Length);
    }

    [Fact]
    public void SameInputTwiceIsStylizedOnce()
    {
        using var temp = new TempFolder();
        string input = WritePhoto(temp.File("a.png"));
        string output = temp.File("out");

        var result = CliRunner.Run("stylize", input, input, "-o", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Single(Directory.GetFiles(output));
        Assert.DoesNotContain("2 stylized", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralInputsIntoOneFileNameIsRefused()
    {
        using var temp = new TempFolder();
        string a = WritePhoto(temp.File("a.png"));
        string b = WritePhoto(temp.File("b.png"));

        var result = CliRunner.Run("stylize", a, b, "-o", temp.File("o.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.False(Path.Exists(temp.File("o.png")));
    }

    [Fact]
    public void TrainRunFolderNamedLikeAModelFileIsRefused()
    {
        using var temp = new TempFolder();
        string style = WritePhoto(temp.File("style.png"));
        Directory.CreateDirectory(temp.File("photos"));
        WritePhoto(Path.Combine(temp.File("photos"), "p.png"));

        var result = CliRunner.Run("train", "--style", style, "--data", temp.File("photos"), "-o", temp.File("m.safetensors"), "--steps", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("model.safetensors", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Path.Exists(temp.File("m.safetensors")));
    }

    private static string WritePhoto(string path)
    {
        using var bitmap = TestImages.Noise(40, 32);
        File.WriteAllBytes(path, TestImages.Encode(bitmap, path.EndsWith(".jpg", StringComparison.Ordinal) ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png));
        return path;
    }
}
