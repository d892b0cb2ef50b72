using Painterly.Core.Images;
using Painterly.Core.Styles;
using Painterly.Core.Tests.Images;
using SkiaSharp;

namespace Painterly.Cli.Tests.Commands;

public class StylizeCommandTests
{
    private static readonly string DefaultStyle = StyleCatalog.Default.DefaultStyle.Name;

    [Fact]
    public void WithoutInputStylizesTheTestSceneAndReportsTheTime()
    {
        using var temp = new TempFolder();
        string output = temp.File("scene.png");
        var result = CliRunner.Run("stylize", "-o", output, "--scene-size", "64");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"test scene -> .*scene\.png\s+64x64\s+\d+ ms", result.Output);
        using var image = ImageDecoder.Decode(output);
        Assert.Equal((64, 64), (image.Width, image.Height));
    }

    [Fact]
    public void PhotoComesOutAtItsExactSizeBesideTheInput()
    {
        using var temp = new TempFolder();
        string input = temp.File("photo.png");
        using (var bitmap = TestImages.Noise(67, 45))
        {
            File.WriteAllBytes(input, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        }

        var result = CliRunner.Run("stylize", input);
        Assert.Equal(0, result.ExitCode);
        using var image = ImageDecoder.Decode(temp.File($"photo-{DefaultStyle}.png"));
        Assert.Equal((67, 45), (image.Width, image.Height));
    }

    [Fact]
    public void ExifRotatedPhotoComesOutUpright()
    {
        using var temp = new TempFolder();
        string input = temp.File("phone.jpg");
        using (var bitmap = TestImages.Noise(48, 32))
        {
            // Orientation 6: stored landscape, displayed rotated 90 degrees clockwise (portrait).
            File.WriteAllBytes(input, TestImages.WithExifOrientation(TestImages.Encode(bitmap, SKEncodedImageFormat.Jpeg), 6));
        }

        string output = temp.File("out.png");
        Assert.Equal(0, CliRunner.Run("stylize", input, "-o", output).ExitCode);
        using var image = ImageDecoder.Decode(output);
        Assert.Equal((32, 48), (image.Width, image.Height));
    }

    [Fact]
    public void MaxSizeLimitsTheLongestSide()
    {
        using var temp = new TempFolder();
        string output = temp.File("small.jpg");
        Assert.Equal(0, CliRunner.Run("stylize", "--scene-size", "96", "--max-size", "40", "-o", output).ExitCode);
        using var image = ImageDecoder.Decode(output);
        Assert.Equal((40, 40), (image.Width, image.Height));
    }

    [Fact]
    public void HugeImageHeaderIsRefusedInOneLineWithoutOutput()
    {
        using var temp = new TempFolder();
        string input = temp.File("huge.png");
        File.WriteAllBytes(input, TestImages.PngHeader(60000, 60000));
        var result = CliRunner.Run("stylize", input);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("60000x60000", line, StringComparison.Ordinal);
        Assert.Contains("--max-pixels", line, StringComparison.Ordinal);
        Assert.Equal(["huge.png"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void MissingFileIsOneLineAndVerboseAddsTheStackTrace()
    {
        var result = CliRunner.Run("stylize", "/nonexistent/photo.jpg");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: /nonexistent/photo.jpg does not exist; check the path.", Assert.Single(result.ErrorLines));

        using var temp = new TempFolder();
        string input = temp.File("broken.png");
        File.WriteAllBytes(input, [1, 2, 3]);
        var verbose = CliRunner.Run("stylize", input, "--verbose");
        Assert.Equal(1, verbose.ExitCode);
        Assert.StartsWith("error: ", verbose.ErrorLines[0], StringComparison.Ordinal);
        Assert.Contains(verbose.ErrorLines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("stylize", "--max-size", "-3")]
    [InlineData("stylize", "--runtime", "tensorflow")]
    [InlineData("stylize", "--bogus")]
    [InlineData("paint-by-numbers")]
    public void BadUsageExitsWithTwo(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStyleSaysWhatExists()
    {
        var result = CliRunner.Run("stylize", "--style", "picasso", "--scene-size", "8");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("painterly styles", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void FolderIsStylizedRecursivelyIntoAMirroredTreeAndBadFilesAreSkipped()
    {
        using var temp = new TempFolder();
        string photos = temp.File("photos");
        Directory.CreateDirectory(Path.Combine(photos, "trip"));
        using (var bitmap = TestImages.Noise(20, 16))
        {
            File.WriteAllBytes(Path.Combine(photos, "a.png"), TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
            File.WriteAllBytes(Path.Combine(photos, "trip", "b.jpg"), TestImages.Encode(bitmap, SKEncodedImageFormat.Jpeg));
        }

        File.WriteAllBytes(Path.Combine(photos, "trip", "broken.png"), [0x89, 0x50, 0x4E, 0x47]);
        File.WriteAllText(Path.Combine(photos, "notes.txt"), "not an image");

        string output = temp.File("out");
        var result = CliRunner.Run("stylize", photos, "-o", output);
        Assert.Equal(1, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, $"a-{DefaultStyle}.png")));
        Assert.True(File.Exists(Path.Combine(output, "trip", $"b-{DefaultStyle}.png")));
        Assert.False(File.Exists(Path.Combine(output, "trip", $"broken-{DefaultStyle}.png")));
        Assert.Contains("failed", result.Output, StringComparison.Ordinal);
        Assert.Contains("3 images: 2 stylized, 1 failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void StrengthZeroGivesBackThePhoto()
    {
        using var temp = new TempFolder();
        string input = temp.File("photo.png");
        using (var bitmap = TestImages.Noise(24, 20))
        {
            File.WriteAllBytes(input, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        }

        string output = temp.File("out.png");
        Assert.Equal(0, CliRunner.Run("stylize", input, "--strength", "0", "-o", output).ExitCode);
        var original = ImageDecoder.DecodePlanar(input);
        var result = ImageDecoder.DecodePlanar(output);
        Assert.Equal(original.Data, result.Data);
    }

    [Theory]
    [InlineData("--strength", "1.5")]
    [InlineData("--tile", "90")]
    [InlineData("-o", "out.tiff")]
    public void BadOptionValuesExitWithTwo(string option, string value)
    {
        var result = CliRunner.Run("stylize", "--scene-size", "8", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }
}
