using Painterly.Core.Images;
using Painterly.Web.Tests.Infrastructure;
using SkiaSharp;

namespace Painterly.Web.Tests.Api;

/// <summary>preserveColor at full strength: the photo's chroma over the whole image, the stylized luminance.</summary>
public sealed class PreserveColorApiTests
{
    [Fact]
    public async Task Preserve_color_at_strength_1_keeps_the_photos_chroma_everywhere()
    {
        await using var app = await TestApp.InMemoryAsync();
        byte[] photo = MidTonePhoto(64, 48);

        using var kept = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(photo, "mobile", ("strength", "1"), ("preserveColor", "true")));
        using var plain = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(photo, "mobile", ("strength", "1")));
        kept.EnsureSuccessStatusCode();
        plain.EnsureSuccessStatusCode();
        using var photoBitmap = SKBitmap.Decode(photo);
        using var keptBitmap = SKBitmap.Decode(await kept.Content.ReadAsByteArrayAsync());
        using var plainBitmap = SKBitmap.Decode(await plain.Content.ReadAsByteArrayAsync());

        int compared = 0;
        double lumaMoved = 0;
        for (int y = 0; y < 48; y++)
        {
            for (int x = 0; x < 64; x++)
            {
                var k = keptBitmap.GetPixel(x, y);
                // A channel clamped at 0 or 255 cannot carry the luminance shift, so its chroma legitimately moves.
                if (new[] { k.Red, k.Green, k.Blue }.Any(c => c is 0 or 255))
                {
                    continue;
                }

                compared++;
                var (yp, cbp, crp) = YCbCr(photoBitmap.GetPixel(x, y));
                var (yk, cbk, crk) = YCbCr(k);
                var (ys, _, _) = YCbCr(plainBitmap.GetPixel(x, y));
                Assert.True(Math.Abs(cbk - cbp) <= 1.0 && Math.Abs(crk - crp) <= 1.0, $"({x},{y}): Cb {cbp:F1} -> {cbk:F1}, Cr {crp:F1} -> {crk:F1}");
                Assert.True(Math.Abs(yk - ys) <= 1.0, $"({x},{y}): luminance {yk:F1}, stylized {ys:F1}");
                lumaMoved += Math.Abs(yk - yp);
            }
        }

        Assert.True(compared > 64 * 48 * 3 / 4, $"only {compared} pixels unclamped");
        Assert.True(lumaMoved / compared > 2, "the luminance is still the photo's: nothing was stylized");
    }

    private static byte[] MidTonePhoto(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(60 + (140 * x / (width - 1))), (byte)(70 + (120 * y / (height - 1))), (byte)(((x / 8) + (y / 8)) % 2 == 0 ? 150 : 90)));
            }
        }

        return ImageEncoder.Encode(bitmap, ImageFileFormat.Png);
    }

    private static (double Y, double Cb, double Cr) YCbCr(SKColor c)
    {
        double y = (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
        return (y, 0.564 * (c.Blue - y), 0.713 * (c.Red - y));
    }
}
