using Painterly.Core.Images;
using Painterly.Core.Styles;
using Painterly.Core.Stylizing;
using Painterly.Core.Tests.Images;
using SkiaSharp;

namespace Painterly.Cli.Tests.Commands;

/// <summary>The README's stylize options, checked by the pixels the command writes.</summary>
public class StylizeOptionsTests
{
    private static readonly string DefaultStyle = StyleCatalog.Default.DefaultStyle.Name;

    [Fact]
    public void Preserve_color_keeps_the_photos_chroma_and_takes_the_stylized_luminance()
    {
        using var temp = new TempFolder();
        string input = Photo(temp, 96, 80);
        Assert.Equal(0, CliRunner.Run("stylize", input, "--preserve-color", "-o", temp.File("kept.png")).ExitCode);
        Assert.Equal(0, CliRunner.Run("stylize", input, "-o", temp.File("plain.png")).ExitCode);
        var photo = ImageDecoder.DecodePlanar(input);
        var kept = ImageDecoder.DecodePlanar(temp.File("kept.png"));
        var plain = ImageDecoder.DecodePlanar(temp.File("plain.png"));

        int compared = 0;
        double lumaMoved = 0;
        for (int i = 0; i < photo.PixelCount; i++)
        {
            // A channel clamped at 0 or 255 cannot carry the shift, so its chroma legitimately moves.
            if (Enumerable.Range(0, 3).Any(ch => kept.Channel(ch)[i] is <= 0 or >= 255))
            {
                continue;
            }

            compared++;
            var (yp, cbp, crp) = YCbCr(photo, i);
            var (yk, cbk, crk) = YCbCr(kept, i);
            var (ys, _, _) = YCbCr(plain, i);
            // One level of rounding in each channel moves Cb or Cr by at most about one level.
            Assert.True(Math.Abs(cbk - cbp) <= 1.0 && Math.Abs(crk - crp) <= 1.0, $"pixel {i}: Cb {cbp:F1} -> {cbk:F1}, Cr {crp:F1} -> {crk:F1}");
            Assert.True(Math.Abs(yk - ys) <= 1.0, $"pixel {i}: luminance {yk:F1}, stylized {ys:F1}");
            lumaMoved += Math.Abs(yk - yp);
        }

        Assert.True(compared > photo.PixelCount * 3 / 4, $"only {compared} of {photo.PixelCount} pixels unclamped");
        Assert.True(lumaMoved / compared > 5, "the luminance is still the photo's: nothing was stylized");
    }

    [Fact]
    public void Tiles_leave_no_seam_between_rows_or_columns_of_a_smooth_photo()
    {
        // The seeded network keeps a smooth gradient smooth, so a jump at a tile border stands out.
        const int side = 360, tile = 128;
        using var temp = new TempFolder();
        string input = Photo(temp, side, side);
        Assert.Equal(0, CliRunner.Run("stylize", input, "--style", "seeded", "--tile", "128", "-o", temp.File("tiled.png")).ExitCode);
        var tiled = ImageDecoder.DecodePlanar(temp.File("tiled.png"));

        var layout = new TileLayout(side, tile, tile / 4);
        int[] borders = [.. layout.Starts.Skip(1), .. layout.Starts.SkipLast(1).Select(s => s + layout.TileLength)];
        double columns = SeamRatio(Profile(tiled, byColumn: true), borders);
        double rows = SeamRatio(Profile(tiled, byColumn: false), borders);

        Assert.True(columns < 3 && rows < 3, $"seam ratio at the tile borders: columns {columns:F2}, rows {rows:F2}");
    }

    [Fact]
    public void Tiled_output_stays_close_to_the_whole_image()
    {
        // Instance norm sees each tile's own statistics, so tiles differ from the whole image by design; the test
        // scene (structure everywhere, like a photo) bounds by how much. Four 256 px tiles of a 512 px scene are the
        // hard case (automatic tiling uses 1024 px tiles): the starry-night of this wave measured 15.4 levels, 22.3 dB.
        using var temp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("stylize", "--scene-size", "512", "--tile", "256", "-o", temp.File("tiled.png")).ExitCode);
        Assert.Equal(0, CliRunner.Run("stylize", "--scene-size", "512", "-o", temp.File("whole.png")).ExitCode);
        var tiled = ImageDecoder.DecodePlanar(temp.File("tiled.png")).Data;
        var whole = ImageDecoder.DecodePlanar(temp.File("whole.png")).Data;

        double mean = tiled.Zip(whole, (a, b) => Math.Abs(a - b)).Average();
        double psnr = Painterly.Onnx.OnnxInt8Planner.Psnr(whole, tiled);

        Assert.True(mean < 20 && psnr > 18, $"tiled vs whole: mean difference {mean:F2} levels, {psnr:F1} dB");
        Assert.True(mean > 0, "--tile 256 gave the whole-image output: it did not tile");
    }

    [Theory]
    [InlineData("seeded")]
    [InlineData("default")]
    public void An_exported_onnx_file_runs_as_the_exact_network_that_precision_fp32_gives(string name)
    {
        string style = name == "default" ? DefaultStyle : name;
        bool calibrated = StyleCatalog.Default.Find(style)!.Path is not null;
        using var temp = new TempFolder();
        string onnx = temp.File("style.onnx");
        Assert.Equal(0, CliRunner.Run("export", style, "--format", "onnx", "-o", onnx).ExitCode);

        var fromFile = CliRunner.Run("stylize", "--style", onnx, "--scene-size", "96", "-o", temp.File("file.png"));
        var fp32 = CliRunner.Run("stylize", "--style", style, "--precision", "fp32", "--scene-size", "96", "-o", temp.File("fp32.png"));
        var auto = CliRunner.Run("stylize", "--style", style, "--scene-size", "96", "-o", temp.File("auto.png"));

        Assert.Equal((0, 0, 0), (fromFile.ExitCode, fp32.ExitCode, auto.ExitCode));
        var file = ImageDecoder.DecodePlanar(temp.File("file.png")).Data;
        var exact = ImageDecoder.DecodePlanar(temp.File("fp32.png")).Data;
        var automatic = ImageDecoder.DecodePlanar(temp.File("auto.png")).Data;
        Assert.True(MaxDifference(file, exact) <= 1, $"the .onnx file is {MaxDifference(file, exact)} levels from --precision fp32");
        if (calibrated)
        {
            // A trained style runs int8 by default: close to the exact network, not equal to it.
            Assert.True(MaxDifference(automatic, exact) > 1, "auto gave the fp32 pixels for a calibrated style");
            Assert.True(Painterly.Onnx.OnnxInt8Planner.Psnr(exact, automatic) > 40);
        }
        else
        {
            Assert.Equal(exact, automatic);
        }
    }

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    /// <summary>A smooth, colourful photo in mid tones, so stylized luminance rarely clamps.</summary>
    private static string Photo(TempFolder temp, int width, int height)
    {
        string path = temp.File("photo.png");
        using var bitmap = TestImages.Bitmap(width, height, (x, y) => new SKColor(
            (byte)(60 + (140 * x / (width - 1))), (byte)(70 + (120 * y / (height - 1))), (byte)(180 - (100 * (x + y) / (width + height - 2)))));
        File.WriteAllBytes(path, TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        return path;
    }

    private static (double Y, double Cb, double Cr) YCbCr(PlanarImage image, int i)
    {
        double r = image.Channel(0)[i], g = image.Channel(1)[i], b = image.Channel(2)[i];
        double y = (0.299 * r) + (0.587 * g) + (0.114 * b);
        return (y, 0.564 * (b - y), 0.713 * (r - y));
    }

    /// <summary>Mean over channels and the other axis, per column (or per row).</summary>
    private static double[] Profile(PlanarImage image, bool byColumn)
    {
        int length = byColumn ? image.Width : image.Height;
        var means = new double[length];
        for (int ch = 0; ch < PlanarImage.Channels; ch++)
        {
            for (int y = 0; y < image.Height; y++)
            {
                var row = image.Row(ch, y);
                for (int x = 0; x < image.Width; x++)
                {
                    means[byColumn ? x : y] += row[x];
                }
            }
        }

        int count = 3 * (byColumn ? image.Height : image.Width);
        return [.. means.Select(m => m / count)];
    }

    /// <summary>Largest step of the profile at a tile border against its median step: a seam is a jump there.</summary>
    private static double SeamRatio(double[] profile, IEnumerable<int> borders)
    {
        var steps = Enumerable.Range(1, profile.Length - 1).Select(i => Math.Abs(profile[i] - profile[i - 1])).ToArray();
        double typical = steps.Order().ElementAt(steps.Length / 2) + 0.05;
        return borders.Max(b => steps[b - 1]) / typical;
    }
}
