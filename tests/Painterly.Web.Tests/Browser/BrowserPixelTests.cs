using Microsoft.Playwright;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Stylizing;
using Painterly.Onnx;
using Painterly.Web.Tests.Infrastructure;
using SkiaSharp;

namespace Painterly.Web.Tests.Browser;

/// <summary>
/// What the page shows, pixel by pixel: the in-browser network against the ONNX Runtime engine on the same photo,
/// the strength and preserve-colour sliders against their formulas, the download against the canvas, and a
/// user's own .safetensors model (converted by the server, run in the browser).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserPixelTests
{
    private const int Width = 160, Height = 120;

    [SkippableFact]
    public async Task The_browser_result_matches_the_onnx_runtime_engine_within_a_few_levels()
    {
        await BrowserTests.RunAsync(async (page, _) =>
        {
            await page.ChoosePhotoAsync(TestImages.Png(Width, Height));
            await page.ChooseStyleAsync("mobile");
            await page.StylizeAsync();
            byte[] photo = await CanvasAsync(page.Page, "before");
            byte[] result = await CanvasAsync(page.Page, "result");

            var expected = EngineOutput(StyleModelFile.Load(Path.Combine(TestModels.Small, "mobile.safetensors")), photo);

            AssertClose(expected, result, "in-browser vs ONNX Runtime");
        });
    }

    [SkippableFact]
    public async Task Strength_preserve_colour_and_the_download_show_in_the_pixels()
    {
        await BrowserTests.RunAsync(async (page, _) =>
        {
            await page.ChoosePhotoAsync(TestImages.Png(Width, Height));
            await page.ChooseStyleAsync("mobile");
            await page.StylizeAsync();
            byte[] photo = await CanvasAsync(page.Page, "before");
            byte[] stylized = await CanvasAsync(page.Page, "result");

            await page.Page.Locator("#strength").FillAsync("50");
            byte[] half = await CanvasAsync(page.Page, "result");
            AssertClose(Map(photo, stylized, (p, s, _, _) => p + ((s - p) * 0.5)), half, "strength 50");

            await page.Page.Locator("#strength").FillAsync("100");
            string before = await page.Page.Locator("#download").GetAttributeAsync("href") ?? "";
            await page.Page.Locator("#preserve-color").CheckAsync();
            byte[] kept = await CanvasAsync(page.Page, "result");
            // The photo's chroma with the stylized luminance: every channel shifted by the luminance difference.
            AssertClose(Map(photo, stylized, (p, _, yp, ys) => p + (ys - yp)), kept, "preserve colour");

            // The download is the canvas as shown, as a PNG.
            await page.Page.WaitForFunctionAsync($"() => document.getElementById('download').href.startsWith('blob:') && document.getElementById('download').href !== '{before}'");
            // The link is refreshed after each change of the sliders: take the download once it has caught up
            // with the last one (bounded), then compare it exactly.
            SKBitmap? downloaded = null;
            for (int attempt = 0; attempt < 40; attempt++)
            {
                byte[] png = Convert.FromBase64String(await page.Page.EvaluateAsync<string>("""
                    async () => {
                      const bytes = new Uint8Array(await (await fetch(document.getElementById('download').href)).arrayBuffer());
                      let text = ''; for (const b of bytes) text += String.fromCharCode(b);
                      return btoa(text);
                    }
                    """));
                downloaded?.Dispose();
                downloaded = SKBitmap.Decode(png);
                if (Rgba(downloaded).AsSpan().SequenceEqual(kept))
                {
                    break;
                }

                await page.Page.WaitForTimeoutAsync(250);
            }

            using var download = downloaded!;
            Assert.Equal((Width, Height), (download.Width, download.Height));
            AssertClose([.. kept.Select(b => (double)b)], Rgba(download), "download vs canvas", maxLevels: 0);
        });
    }

    [SkippableFact]
    public async Task An_own_safetensors_model_is_converted_and_runs_in_the_browser()
    {
        var config = new StyleNetConfig(8, 1);
        await BrowserTests.RunAsync(async (page, _) =>
        {
            await page.ChoosePhotoAsync(TestImages.Png(Width, Height));
            await page.Page.Locator("#own-model").SetInputFilesAsync(new FilePayload { Name = "mine.safetensors", MimeType = "application/octet-stream", Buffer = TestModels.SafetensorsBytes(config) });
            await page.Page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('Your model')");
            await page.StylizeAsync();
            byte[] photo = await CanvasAsync(page.Page, "before");
            byte[] result = await CanvasAsync(page.Page, "result");

            // SafetensorsBytes writes the seed-2 network of that config.
            AssertClose(EngineOutput(SeededStyleModel.Create(config, 2), photo), result, "own model in the browser vs ONNX Runtime");
        });
    }

    private static async Task<byte[]> CanvasAsync(IPage page, string id) =>
        Convert.FromBase64String(await page.EvaluateAsync<string>($$"""
            () => {
              const c = document.getElementById('{{id}}');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let text = ''; for (const b of d) text += String.fromCharCode(b);
              return btoa(text);
            }
            """));

    /// <summary>The engine's output for the RGBA photo the page used, as RGBA levels.</summary>
    private static double[] EngineOutput(StyleModel model, byte[] rgba)
    {
        var planar = new PlanarImage(Width, Height);
        for (int i = 0; i < Width * Height; i++)
        {
            for (int ch = 0; ch < 3; ch++)
            {
                planar.Channel(ch)[i] = rgba[(4 * i) + ch];
            }
        }

        using var engine = new OnnxStylizer(model, new OnnxStylizerOptions { Precision = OnnxPrecision.FullPrecision });
        var output = new ImageStylizer(engine).Stylize(planar);
        var result = new double[rgba.Length];
        for (int i = 0; i < Width * Height; i++)
        {
            for (int ch = 0; ch < 3; ch++)
            {
                result[(4 * i) + ch] = Math.Clamp(output.Channel(ch)[i], 0, 255);
            }

            result[(4 * i) + 3] = 255;
        }

        return result;
    }

    /// <summary>Applies <paramref name="formula"/> (photo, stylized, their luminances) per channel, clamped to 0-255.</summary>
    private static double[] Map(byte[] photo, byte[] stylized, Func<double, double, double, double, double> formula)
    {
        var result = new double[photo.Length];
        for (int i = 0; i < photo.Length; i += 4)
        {
            double yp = (0.299 * photo[i]) + (0.587 * photo[i + 1]) + (0.114 * photo[i + 2]);
            double ys = (0.299 * stylized[i]) + (0.587 * stylized[i + 1]) + (0.114 * stylized[i + 2]);
            for (int ch = 0; ch < 3; ch++)
            {
                result[i + ch] = Math.Clamp(formula(photo[i + ch], stylized[i + ch], yp, ys), 0, 255);
            }

            result[i + 3] = 255;
        }

        return result;
    }

    private static byte[] Rgba(SKBitmap bitmap)
    {
        var bytes = new byte[bitmap.Width * bitmap.Height * 4];
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                int i = 4 * ((y * bitmap.Width) + x);
                (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]) = (c.Red, c.Green, c.Blue, c.Alpha);
            }
        }

        return bytes;
    }

    /// <summary>Every colour channel within <paramref name="maxLevels"/> (rounding, float order) of the expectation.</summary>
    private static void AssertClose(double[] expected, byte[] actual, string what, int maxLevels = 3)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0, sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (i % 4 == 3)
            {
                continue;
            }

            double d = Math.Abs(expected[i] - actual[i]);
            worst = Math.Max(worst, d);
            sum += d;
        }

        double mean = sum / (actual.Length * 3 / 4);
        Assert.True(worst <= maxLevels + 0.5 && mean <= 1, $"{what}: max difference {worst:F1} levels, mean {mean:F2}");
    }
}
