using System.Globalization;
using System.Text.Json;
using Painterly.Core.Models;
using Painterly.Onnx;
using Painterly.Web.Tests.Browser;
using Painterly.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Painterly.Web.Tests.Benchmarks;

/// <summary>
/// Numbers for docs/performance.md, opt-in (PAINTERLY_WEB_BENCH=1): in one headless Chromium page, ONNX Runtime Web
/// (WASM) runs the official pytorch/examples TransformerNet, the full form (16 channels, the gallery's), the
/// mobile form and the mobile form with int8 convolutions at 512x512, interleaved round by round; then the page itself (default: mobile form; "Full quality")
/// and the live camera with the mobile form. Weights are seeded: speed does not depend on them.
/// Results go to the test output and TestResults/device-bench.json.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DeviceSpeedBenchmarks(ITestOutputHelper output)
{
    private const int Side = 512;
    private const int Rounds = 7;
    private const int PageRuns = 5;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Loads each network (download + session + first run, timed apart), then times one run of each per round.
    private const string SideBySide = """
        async ({ nets, side, rounds }) => {
          const ort = await import('/lib/ort/ort.min.mjs');
          ort.env.wasm.wasmPaths = new URL('/lib/ort/', location.href).href;
          ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
          const loaded = [];
          for (const [name, url, pixels] of nets) {
            const t0 = performance.now();
            const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
            const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
            const input = pixels
              ? new ort.Tensor('uint8', Uint8Array.from({ length: 4 * side * side }, () => Math.random() * 256), [1, side, side, 4])
              : new ort.Tensor('float32', Float32Array.from({ length: 3 * side * side }, () => Math.random() * 255), [1, 3, side, side]);
            const feeds = { [session.inputNames[0]]: input };
            const t1 = performance.now();
            await session.run(feeds);
            loaded.push({ name, session, feeds, loadMs: t1 - t0, firstRunMs: performance.now() - t1, runs: [] });
          }
          for (let r = 0; r < rounds; r++) {
            for (const net of loaded) {
              const t = performance.now();
              await net.session.run(net.feeds);
              net.runs.push(performance.now() - t);
            }
          }
          return loaded.map(({ name, loadMs, firstRunMs, runs }) => ({ name, loadMs, firstRunMs, runs }));
        }
        """;

    [SkippableFact]
    public async Task Official_full_and_mobile_side_by_side()
    {
        Skip.If(Environment.GetEnvironmentVariable("PAINTERLY_WEB_BENCH") != "1", "benchmark: set PAINTERLY_WEB_BENCH=1 to run it.");
        string? official = OfficialNetwork.Onnx(out string whyNot);
        Skip.If(official is null, whyNot);
        string models = TestModels.CreateFolder(("full", new StyleNetConfig(16, 5)), ("full-mobile", StyleNetConfig.Mobile));
        await using var app = await TestApp.OnLoopbackAsync(new PainterlyWebOptions { ModelsFolder = models });
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            await using var context = await browser.NewContextAsync(new() { Permissions = ["camera"] });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(600_000);
            byte[] officialBytes = await File.ReadAllBytesAsync(official!);
            await page.RouteAsync("**/bench/official.onnx", route => route.FulfillAsync(new() { BodyBytes = officialBytes, ContentType = "application/octet-stream" }));

            // The mobile form with int8 convolutions where the planner keeps 44 dB: measured to see whether WASM gains from it.
            var mobile = SeededStyleModel.Create(StyleNetConfig.Mobile, 1);
            byte[] int8Bytes = OnnxExporter.Export(mobile, new OnnxExportOptions { PixelIO = true, Quantization = OnnxInt8Planner.Plan(mobile) });
            await page.RouteAsync("**/bench/mobile-int8.onnx", route => route.FulfillAsync(new() { BodyBytes = int8Bytes, ContentType = "application/octet-stream" }));
            var driver = new StylizePage(page);
            await driver.OpenAsync(app.Address);

            object[][] nets = [["official", "/bench/official.onnx", false], ["full", "/api/styles/full/model.onnx", true], ["mobile", "/api/styles/full-mobile/model.onnx", true], ["mobile-int8", "/bench/mobile-int8.onnx", true]];
            var sideBySide = await page.EvaluateAsync<NetTiming[]>(SideBySide, new { nets, side = Side, rounds = Rounds });
            var results = new Dictionary<string, object> { ["cores"] = Environment.ProcessorCount, ["side"] = Side, ["rounds"] = Rounds };
            foreach (var net in sideBySide)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{net.Name}: load {net.LoadMs:F0} ms, first run {net.FirstRunMs:F0} ms, median {Median(net.Runs):F0} ms (runs {string.Join(", ", net.Runs.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))})"));
                results[net.Name] = new { loadMs = Math.Round(net.LoadMs), firstRunMs = Math.Round(net.FirstRunMs), medianMs = Math.Round(Median(net.Runs), 1), runs = net.Runs.Select(r => Math.Round(r, 1)) };
            }

            double ratio = Median(sideBySide[0].Runs) / Median(sideBySide[2].Runs);
            results["officialOverMobile"] = Math.Round(ratio, 1);
            results["officialOverFull"] = Math.Round(Median(sideBySide[0].Runs) / Median(sideBySide[1].Runs), 1);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"official / mobile: {ratio:F1}x"));

            results["pageDefault"] = await PageMediansAsync(driver, fullQuality: false);
            results["pageFullQuality"] = await PageMediansAsync(driver, fullQuality: true);
            results["liveFps"] = await LiveFpsAsync(driver);

            string json = JsonSerializer.Serialize(results, Indented);
            output.WriteLine(json);
            await File.WriteAllTextAsync(Path.Combine(Artifacts.Folder("."), "device-bench.json"), json);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    // The page's own timings: the first press (with the model's download and session shown apart), then warm runs.
    private async Task<object> PageMediansAsync(StylizePage driver, bool fullQuality)
    {
        await driver.Page.Locator("#full-quality").SetCheckedAsync(fullQuality);
        await driver.Page.Locator("#max-side").SelectOptionAsync("512");
        await driver.ChoosePhotoAsync(TestImages.Png(Side, Side, noise: true));
        await driver.ChooseStyleAsync("full");
        int first = await driver.StylizeAsync();
        string? load = await driver.Page.Locator("#elapsed").GetAttributeAsync("data-load-ms");
        var times = new List<int>();
        for (int i = 0; i < PageRuns; i++)
        {
            times.Add(await driver.StylizeAsync());
        }

        string text = await driver.ElapsedTextAsync();
        output.WriteLine($"page {(fullQuality ? "full quality" : "default")}: first {first} ms (load {load ?? "cached"} ms), runs {string.Join(", ", times)} ms; {text}");
        return new { firstMs = first, loadMs = load, medianMs = Median(times.Select(t => (double)t).ToArray()), model = await driver.Page.Locator("#elapsed").GetAttributeAsync("data-model") };
    }

    // The live camera with the mobile form: frames per second after 30 warm frames, over the next 30.
    private async Task<double> LiveFpsAsync(StylizePage driver)
    {
        await driver.Page.Locator("#full-quality").SetCheckedAsync(false);
        await driver.Page.Locator("#live:not([disabled])").ClickAsync();
        await driver.Page.WaitForFunctionAsync("() => Number(document.getElementById('live-view').dataset.frames ?? 0) >= 30");
        double start = await driver.Page.EvaluateAsync<double>("() => performance.now()");
        await driver.Page.WaitForFunctionAsync("() => Number(document.getElementById('live-view').dataset.frames ?? 0) >= 60");
        double seconds = (await driver.Page.EvaluateAsync<double>("() => performance.now()") - start) / 1000;
        string size = await driver.Page.EvaluateAsync<string>("() => { const v = document.getElementById('live-view'); return v.width + 'x' + v.height; }");
        await driver.Page.Locator("#live-stop").ClickAsync();
        double fps = 30 / seconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live camera, mobile form: {fps:F1} fps at {size} (frames 30-60)"));
        return Math.Round(fps, 1);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One network's timings from the page (settable: Playwright fills it from JSON).</summary>
    private sealed class NetTiming
    {
        public string Name { get; set; } = "";

        public double LoadMs { get; set; }

        public double FirstRunMs { get; set; }

        public double[] Runs { get; set; } = [];
    }
}
