using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Painterly.Core.Models;
using Painterly.Web.Tests.Api;
using Painterly.Web.Tests.Browser;
using Painterly.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Painterly.Web.Tests.Benchmarks;

/// <summary>
/// Numbers for docs/performance.md, opt-in (PAINTERLY_WEB_BENCH=1): in-browser WASM stylization of 512x512 in
/// headless Chromium, and server throughput at concurrency 4 from a bounded loopback load test.
/// Results go to the test output and TestResults/web-bench.json.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class WebBenchmarks(ITestOutputHelper output)
{
    private const int Side = 512;
    private const int BrowserRuns = 5;
    private const int ServerRequests = 40;
    private const int ServerConcurrency = 4;
    private static readonly TimeSpan ServerTimeBudget = TimeSpan.FromSeconds(120);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [SkippableFact]
    public async Task Browser_and_server_timings()
    {
        Skip.If(Environment.GetEnvironmentVariable("PAINTERLY_WEB_BENCH") != "1", "benchmark: set PAINTERLY_WEB_BENCH=1 to run it.");
        string models = TestModels.CreateFolder(("mobile", new StyleNetConfig(8, 3)), ("full", new StyleNetConfig(32, 5)));
        var options = new PainterlyWebOptions { ModelsFolder = models, MaxConcurrency = ServerConcurrency, MaxQueue = ServerConcurrency };
        await using var app = await TestApp.OnLoopbackAsync(options);
        byte[] photo = TestImages.Png(Side, Side, noise: true);
        var results = new Dictionary<string, object>
        {
            ["cores"] = Environment.ProcessorCount,
            ["browserMobileMs"] = await BrowserMediansAsync(app, photo, "mobile"),
            ["browserFullMs"] = await BrowserMediansAsync(app, photo, "full"),
        };
        foreach (string style in new[] { "mobile", "full" })
        {
            var (throughput, p50, p95, count) = await ServerLoadAsync(app, photo, style);
            results[$"server_{style}"] = new { imagesPerSecond = Math.Round(throughput, 2), p50Ms = p50, p95Ms = p95, requests = count, concurrency = ServerConcurrency };
        }

        string json = JsonSerializer.Serialize(results, Indented);
        output.WriteLine(json);
        await File.WriteAllTextAsync(Path.Combine(Artifacts.Folder("."), "web-bench.json"), json);
    }

    // First run (model download + session creation) untimed, then the median of the page's own elapsed time.
    private async Task<object> BrowserMediansAsync(TestApp app, byte[] photo, string style)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(300_000);
            var driver = new StylizePage(page);
            await driver.OpenAsync(app.Address);
            await page.Locator("#max-side").SelectOptionAsync("512");
            await driver.ChoosePhotoAsync(photo);
            await driver.ChooseStyleAsync(style);
            int first = await driver.StylizeAsync();
            var times = new List<int>();
            for (int i = 0; i < BrowserRuns; i++)
            {
                times.Add(await driver.StylizeAsync());
            }

            times.Sort();
            output.WriteLine($"browser {style}: first {first} ms, runs {string.Join(", ", times)} ms; {await driver.ElapsedTextAsync()}");
            return new { medianMs = times[times.Count / 2], firstMs = first, runs = times };
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private async Task<(double Throughput, double P50, double P95, int Count)> ServerLoadAsync(TestApp app, byte[] photo, string style)
    {
        // Warm-up: the first request builds the style's session.
        using (var warm = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(photo, style)))
        {
            warm.EnsureSuccessStatusCode();
        }

        var latencies = new List<double>();
        int next = 0;
        using var budget = new CancellationTokenSource(ServerTimeBudget);
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, ServerConcurrency).Select(async _ =>
        {
            while (!budget.IsCancellationRequested && Interlocked.Increment(ref next) <= ServerRequests)
            {
                var watch = Stopwatch.StartNew();
                using var response = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(photo, style), budget.Token);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(budget.Token);
                lock (latencies)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        });
        await Task.WhenAll(workers);
        double seconds = total.Elapsed.TotalSeconds;
        latencies.Sort();
        double p50 = latencies[latencies.Count / 2];
        double p95 = latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.95) - 1)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server {style}: {latencies.Count} requests in {seconds:F1} s, {latencies.Count / seconds:F2} img/s, p50 {p50:F0} ms, p95 {p95:F0} ms"));
        return (latencies.Count / seconds, Math.Round(p50), Math.Round(p95), latencies.Count);
    }
}
