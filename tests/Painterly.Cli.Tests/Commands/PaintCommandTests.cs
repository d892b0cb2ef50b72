using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Cli.Tests.Commands;

public class PaintCommandTests
{
    [Fact]
    public void PaintsATinyPhotoAtItsAspectRatio()
    {
        using var temp = new TempFolder();
        string content = temp.File("photo.png"), style = temp.File("style.png"), output = temp.File("out.png");
        Save(Gradient(60, 40), content);
        Save(Checks(48, 48), style);

        var result = CliRunner.Run("paint", "--content", content, "--style", style, "-o", output, "--size", "48", "--iterations", "3", "--save-every", "3");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("iteration 3/3", result.Output, StringComparison.Ordinal);
        using var painted = ImageDecoder.Decode(output);
        Assert.Equal((48, 32), (painted.Width, painted.Height));
        Assert.True(File.Exists(temp.File("out-iter0003.png")));
    }

    [Fact]
    public void LibtorchWarningsStayOffStderrUnlessVerbose()
    {
        using var temp = new TempFolder();
        string content = temp.File("photo.png"), style = temp.File("style.png");
        Save(Gradient(48, 32), content);
        Save(Checks(32, 32), style);
        string[] paint = ["paint", "--content", content, "--style", style, "--size", "32", "--iterations", "2"];

        // libtorch writes to the process's stderr itself, so only a process of its own shows what a user sees.
        var quiet = CliProcess.Run([.. paint, "-o", temp.File("quiet.png")]);
        var verbose = CliProcess.Run([.. paint, "-o", temp.File("verbose.png"), "--verbose"]);

        Assert.True(quiet.Code == 0, quiet.Error);
        Assert.Equal("", quiet.Error);
        Assert.Equal(0, verbose.Code);
        Assert.Contains("Optimizer::parameters()", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputIsOneLine()
    {
        using var temp = new TempFolder();
        string content = temp.File("photo.png"), style = temp.File("style.png");
        Save(Gradient(32, 32), content);
        Save(Checks(32, 32), style);

        var noStyle = CliRunner.Run("paint", "--content", content);
        Assert.Equal(2, noStyle.ExitCode);
        Assert.Single(noStyle.ErrorLines);

        var missingStyle = CliRunner.Run("paint", "--content", content, "--style", temp.File("nope.jpg"));
        Assert.Equal(1, missingStyle.ExitCode);
        Assert.Single(missingStyle.ErrorLines);
        Assert.Contains("style image", missingStyle.Error, StringComparison.Ordinal);

        var weights = CliRunner.Run("paint", "--content", content, "--style", style, "--style", style, "--style-weights", "0.7,0.2,0.1");
        Assert.Equal(2, weights.ExitCode);
        Assert.Single(weights.ErrorLines);
        Assert.Contains("one weight per style", weights.Error, StringComparison.Ordinal);

        var notANumber = CliRunner.Run("paint", "--content", content, "--style", style, "--style-weights", "lots");
        Assert.Equal(2, notANumber.ExitCode);
        Assert.Single(notANumber.ErrorLines);
    }

    private static PlanarImage Gradient(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / width), (byte)(y * 255 / height), 128));
            }
        }

        return bitmap.ToPlanar();
    }

    private static PlanarImage Checks(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Navy);
            using var paint = new SKPaint { Color = SKColors.Gold };
            for (int i = 0; i < width; i += 8)
            {
                canvas.DrawRect(i, 0, 4, height, paint);
            }
        }

        return bitmap.ToPlanar();
    }

    private static void Save(PlanarImage image, string path) => ImageEncoder.Save(image, path);
}
