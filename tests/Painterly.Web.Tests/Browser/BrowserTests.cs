using System.Globalization;
using Microsoft.Playwright;
using Painterly.Core.Models;
using Painterly.Web.Tests.Infrastructure;

namespace Painterly.Web.Tests.Browser;

/// <summary>The page in real headless Chromium against the app on a loopback socket.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class BrowserTests
{
    [SkippableFact]
    public async Task Stylizes_in_the_browser_with_webassembly()
    {
        await RunAsync(async (page, _) =>
        {
            await page.ChoosePhotoAsync(TestImages.Png(160, 120));
            await page.ChooseStyleAsync("mobile");
            int ms = await page.StylizeAsync();
            var result = await page.ResultAsync();
            Assert.Equal((160, 120), (result.Width, result.Height));
            Assert.True(result.MeanDifference > 5, $"the result looks like the photo (mean difference {result.MeanDifference:F1})");
            Assert.True(ms >= 0);
            string text = await page.ElapsedTextAsync();
            Assert.Contains($"in {ms} ms", text, StringComparison.Ordinal);
            // Headless Chromium here has no GPU adapter: the line says WebAssembly ran.
            Assert.Contains("in this browser (WebAssembly)", text, StringComparison.Ordinal);
            // The first use shows the download and session apart from the run; the next run is the run alone.
            Assert.Contains("First use of this style:", text, StringComparison.Ordinal);
            Assert.NotNull(await page.Page.EvaluateAsync<string?>("() => document.getElementById('elapsed').dataset.loadMs ?? null"));
            int again = await page.StylizeAsync();
            string second = await page.ElapsedTextAsync();
            Assert.Contains($"in {again} ms", second, StringComparison.Ordinal);
            Assert.DoesNotContain("First use", second, StringComparison.Ordinal);
            Assert.Null(await page.Page.EvaluateAsync<string?>("() => document.getElementById('elapsed').dataset.loadMs ?? null"));
        });
    }

    [SkippableFact]
    public async Task A_style_with_a_mobile_form_runs_it_unless_full_quality_is_on()
    {
        string models = TestModels.CreateFolder(("wave", new StyleNetConfig(8, 2)), ("wave-mobile", new StyleNetConfig(16, 1, Form: StyleNetForm.Mobile)));
        await RunAsync(
            async (page, _) =>
            {
                var ids = await page.Page.Locator("#gallery input[type=radio]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
                Assert.Equal(["wave", "seeded"], ids);
                await page.ChoosePhotoAsync(TestImages.Png(96, 64));
                await page.ChooseStyleAsync("wave");
                Assert.EndsWith("/api/styles/wave-mobile/model.onnx", await page.Page.GetAttributeAsync("#dl-onnx", "href"), StringComparison.Ordinal);

                await page.StylizeAsync();
                Assert.Equal("wave-mobile", await page.Page.GetAttributeAsync("#elapsed", "data-model"));
                Assert.Contains("mobile form", await page.ElapsedTextAsync(), StringComparison.Ordinal);
                var mobile = await page.ResultAsync();

                await page.Page.Locator("#full-quality").CheckAsync();
                Assert.EndsWith("/api/styles/wave/model.onnx", await page.Page.GetAttributeAsync("#dl-onnx", "href"), StringComparison.Ordinal);
                await page.StylizeAsync();
                Assert.Equal("wave", await page.Page.GetAttributeAsync("#elapsed", "data-model"));
                Assert.Contains("full quality", await page.ElapsedTextAsync(), StringComparison.Ordinal);
                var full = await page.ResultAsync();
                Assert.NotEqual(mobile.MeanDifference, full.MeanDifference);
            },
            options: new PainterlyWebOptions { ModelsFolder = models });
    }

    [SkippableFact]
    public async Task The_page_loads_onnx_runtime_web_1_30()
    {
        await RunAsync(async (page, _) =>
        {
            string version = await page.Page.EvaluateAsync<string>("async () => (await import('/lib/ort/ort.min.mjs')).env.versions.web");
            Assert.Equal("1.30.0", version);
        });
    }

    [SkippableFact]
    public async Task Live_camera_streams_stylized_frames_and_shows_their_rate()
    {
        await RunAsync(async (page, _) =>
        {
            await page.ChooseStyleAsync("mobile");
            await page.Page.Locator("#live:not([disabled])").ClickAsync();
            await page.Page.WaitForFunctionAsync("() => Number(document.getElementById('live-view').dataset.frames ?? 0) >= 5");

            double fps = double.Parse((await page.Page.GetAttributeAsync("#fps", "data-fps"))!, CultureInfo.InvariantCulture);
            Assert.InRange(fps, 0.1, 1000);
            Assert.Contains("frames per second", await page.Page.Locator("#fps").InnerTextAsync(), StringComparison.Ordinal);
            // The canvas shows the style's output, not the camera's frame: compare it with the frame playing now.
            double difference = await page.Page.EvaluateAsync<double>(
                """
                () => {
                  const view = document.getElementById('live-view'), video = document.getElementById('live-video');
                  const raw = new OffscreenCanvas(view.width, view.height).getContext('2d');
                  raw.drawImage(video, 0, 0, view.width, view.height);
                  const a = raw.getImageData(0, 0, view.width, view.height).data;
                  const b = view.getContext('2d').getImageData(0, 0, view.width, view.height).data;
                  let sum = 0;
                  for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
                  return sum / (a.length / 4 * 3);
                }
                """);
            Assert.True(difference > 5, $"the live view looks like the raw camera frame (mean difference {difference:F1})");
            var size = await page.Page.EvaluateAsync<int[]>("() => [document.getElementById('live-view').width, document.getElementById('live-view').height]");
            Assert.True(size[0] <= 384 && size[1] <= 384 && size[0] % 4 == 0 && size[1] % 4 == 0, $"live frame {size[0]}x{size[1]}");

            await page.Page.Locator("#live-stop").ClickAsync();
            Assert.True(await page.Page.Locator("#live-view").IsHiddenAsync());
            Assert.True(await page.Page.EvaluateAsync<bool>("() => document.getElementById('live-video').srcObject === null"), "the camera was not released");

            // The photo workflow still works after the camera.
            await page.ChoosePhotoAsync(TestImages.Png(64, 48));
            await page.StylizeAsync();
            Assert.Equal((64, 48), ((await page.ResultAsync()).Width, (await page.ResultAsync()).Height));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live camera: {size[0]}x{size[1]} frames at {fps:F1} fps (mobile-size test model)"));
        });
    }

    [SkippableFact]
    public async Task Stylizes_on_the_server_when_switched()
    {
        await RunAsync(async (page, _) =>
        {
            await page.ChoosePhotoAsync(TestImages.Png(160, 120));
            await page.ChooseStyleAsync("mobile");
            await page.SetOnServerAsync(true);
            int ms = await page.StylizeAsync();
            var result = await page.ResultAsync();
            Assert.Equal((160, 120), (result.Width, result.Height));
            Assert.True(result.MeanDifference > 5, $"the result looks like the photo (mean difference {result.MeanDifference:F1})");
            Assert.Contains($"in {ms} ms on the server", await page.ElapsedTextAsync(), StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task Unsupported_file_gives_a_clear_message()
    {
        await RunAsync(async (page, _) =>
        {
            await page.Page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });
            var error = page.Page.Locator("#error");
            await error.WaitForAsync();
            Assert.Contains("not an image", await error.InnerTextAsync(), StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    public async Task Screenshots_at_phone_and_desktop_widths()
    {
        string folder = Artifacts.Folder("screenshots");
        foreach (var (name, width, height) in new[] { ("phone", 390, 844), ("desktop", 1280, 800) })
        {
            await RunAsync(
                async (page, _) =>
                {
                    await page.ChoosePhotoAsync(TestImages.Png(320, 240));
                    await page.ChooseStyleAsync("mobile");
                    await page.StylizeAsync();
                    await page.Page.Locator("#developers summary").ClickAsync();
                    await page.Page.Locator("#inspect").ClickAsync();
                    await page.Page.Locator("#inspect-out:not([hidden])").WaitForAsync();
                    await page.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
                },
                new ViewportSize { Width = width, Height = height });
        }
    }

    internal static async Task RunAsync(Func<StylizePage, TestApp, Task> steps, ViewportSize? viewport = null, PainterlyWebOptions? options = null)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            await using var app = await TestApp.OnLoopbackAsync(options);
            await using var context = await browser.NewContextAsync(new() { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 }, Permissions = ["camera"] });
            var page = await context.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, m) => { lock (console) { console.Add($"{m.Type}: {m.Text}"); } };
            page.PageError += (_, e) => { lock (console) { console.Add($"page error: {e}"); } };
            page.SetDefaultTimeout(120_000);
            var driver = new StylizePage(page);
            await driver.OpenAsync(app.Address);
            Assert.True(await page.EvaluateAsync<bool>("() => self.crossOriginIsolated"), "the page is not cross-origin isolated (COOP/COEP)");
            try
            {
                await steps(driver, app);
            }
            catch (Exception e) when (e is not SkipException)
            {
                throw new InvalidOperationException($"{e.Message}\nbrowser console:\n{string.Join('\n', console)}", e);
            }
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}

/// <summary>Browser tests run one at a time: two cores, and each starts Chromium.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestGroup
{
    public const string Name = "browser";
}
