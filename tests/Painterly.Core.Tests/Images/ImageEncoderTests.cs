using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

public class ImageEncoderTests
{
    [Theory]
    [InlineData("out.png", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' })]
    [InlineData("out.jpg", new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData("OUT.JPEG", new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData("out.webp", new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F' })]
    public void Saves_in_the_format_the_extension_names(string name, byte[] magic)
    {
        using var dir = new TempDirectory();
        using var scene = TestScene.Render(40, 30);
        string path = dir.File(name);

        ImageEncoder.Save(scene, path);

        Assert.Equal(magic, File.ReadAllBytes(path)[..magic.Length]);
        using var back = ImageDecoder.Decode(path);
        Assert.Equal((40, 30), (back.Width, back.Height));
        Assert.Equal([name], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Png_is_lossless()
    {
        using var scene = TestScene.Render(97, 61);

        using var back = ImageDecoder.Decode(ImageEncoder.Encode(scene, ImageFileFormat.Png));

        Assert.Equal(scene.Pixels.Select(p => (p.Red, p.Green, p.Blue)), back.Pixels.Select(p => (p.Red, p.Green, p.Blue)));
    }

    [Theory]
    [InlineData("out.tiff", "has the unsupported extension .tiff")]
    [InlineData("out.gif", "has the unsupported extension .gif")]
    [InlineData("out", "has no extension")]
    public void Unknown_extensions_are_refused_before_writing(string name, string what)
    {
        using var dir = new TempDirectory();
        using var scene = TestScene.Render(8, 8);

        var e = Assert.Throws<UnsupportedImageFormatException>(() => ImageEncoder.Save(scene, dir.File(name)));

        Assert.Equal($"Cannot write {name}: it {what}; use .png, .jpg, .jpeg, .webp.", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Failed_rename_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        using var scene = TestScene.Render(8, 8);
        string target = dir.File("taken.png");
        Directory.CreateDirectory(target); // a directory where the file should go: the final move fails

        Assert.ThrowsAny<IOException>(() => ImageEncoder.Save(scene, target));

        Assert.Equal([target], Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Failed_encode_leaves_no_file_and_keeps_the_old_one()
    {
        using var dir = new TempDirectory();
        string target = dir.File("keep.png");
        File.WriteAllText(target, "old");
        using var empty = new SKBitmap();

        Assert.Throws<ImageException>(() => ImageEncoder.Save(empty, target));

        Assert.Equal([target], Directory.EnumerateFileSystemEntries(dir.Path));
        Assert.Equal("old", File.ReadAllText(target));
    }

    [Fact]
    public void Save_replaces_an_existing_file()
    {
        using var dir = new TempDirectory();
        string target = dir.File("out.png");
        File.WriteAllText(target, "old");
        using var scene = TestScene.Render(8, 8);

        ImageEncoder.Save(scene, target);

        Assert.Equal(ImageEncoder.Encode(scene, ImageFileFormat.Png), File.ReadAllBytes(target));
    }

    [Fact]
    public void Planar_images_save_as_their_rounded_bytes()
    {
        using var dir = new TempDirectory();
        var image = new PlanarImage(2, 1, [10.4f, 300f, 20.6f, -5f, 30f, float.NaN]);
        string target = dir.File("planar.png");

        ImageEncoder.Save(image, target);

        using var back = ImageDecoder.Decode(target);
        Assert.Equal(new SKColor(10, 21, 30), back.GetPixel(0, 0));
        Assert.Equal(new SKColor(255, 0, 0), back.GetPixel(1, 0));
    }

    [Fact]
    public void Quality_changes_lossy_size()
    {
        using var scene = TestScene.Render(128, 128);

        int low = ImageEncoder.Encode(scene, ImageFileFormat.Jpeg, 30).Length;
        int high = ImageEncoder.Encode(scene, ImageFileFormat.Jpeg, 95).Length;

        Assert.True(low < high, $"quality 30 gave {low} bytes, 95 gave {high}");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Quality_out_of_range_is_refused(int quality)
    {
        using var scene = TestScene.Render(4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.Encode(scene, ImageFileFormat.Jpeg, quality));
    }

    [Fact]
    public void Formats_map_to_extensions_and_mime_types()
    {
        Assert.Equal(ImageFileFormat.WebP, ImageFileFormats.FromPath("/a/b.WebP"));
        Assert.False(ImageFileFormats.TryFromPath("x.bmp", out _));
        Assert.Equal(".jpg", ImageFileFormat.Jpeg.Extension());
        Assert.Equal("image/png", ImageFileFormat.Png.MimeType());
    }
}
