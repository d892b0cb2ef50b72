using Microsoft.Playwright;

namespace Painterly.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser). Missing Chromium fails the test when
/// CI is set and skips it otherwise.
/// </summary>
internal static class Chromium
{
    /// <summary>The browser binary: PAINTERLY_CHROMIUM, else Debian's.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("PAINTERLY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Skips (locally) or fails (CI) when Chromium is not installed.</summary>
    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        string message = $"Chromium not found at {ExecutablePath}; install it with 'apt-get install -y chromium' (or set PAINTERLY_CHROMIUM).";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(message);
        }

        Skip.If(true, message);
    }

    /// <summary>Starts headless Chromium with the flags this sandbox needs.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Require();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Without the background-networking flags Chromium's own connections are refused here, many at a time.
                // The fake camera (a generated test pattern) and the auto-accepted permission prompt let the live
                // camera run headless.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
