using System.Globalization;
using Microsoft.Playwright;

namespace Painterly.Web.Tests.Browser;

/// <summary>The page, driven as a person would: choose a photo and a style, press Stylize, read the result.</summary>
internal sealed class StylizePage(IPage page)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(Uri address)
    {
        await Page.GotoAsync(address.ToString());
        // The gallery is filled from /api/styles.
        await Page.Locator("#gallery input[type=radio]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public async Task ChoosePhotoAsync(byte[] png, string name = "photo.png")
    {
        await Page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "image/png", Buffer = png });
        await Page.Locator("#stylize:not([disabled])").WaitForAsync();
    }

    public Task ChooseStyleAsync(string id) => Page.Locator($"#gallery input[value='{id}']").CheckAsync(new() { Force = true });

    public Task SetOnServerAsync(bool on) => Page.Locator("#on-server").SetCheckedAsync(on);

    /// <summary>Presses Stylize and returns the elapsed milliseconds the page shows.</summary>
    public async Task<int> StylizeAsync()
    {
        await Page.EvaluateAsync("() => { const e = document.getElementById('elapsed'); e.hidden = true; delete e.dataset.ms; }");
        await Page.Locator("#stylize").ClickAsync();
        var outcome = await Page.WaitForFunctionAsync(
            "() => document.getElementById('elapsed').dataset.ms || (!document.getElementById('error').hidden && 'error: ' + document.getElementById('error').textContent)",
            null,
            new() { Timeout = 180_000, PollingInterval = 50 });
        string value = (await outcome.JsonValueAsync<string>())!;
        Assert.False(value.StartsWith("error", StringComparison.Ordinal), value);
        return int.Parse(value, CultureInfo.InvariantCulture);
    }

    public async Task<string> ElapsedTextAsync() => await Page.Locator("#elapsed").InnerTextAsync();

    /// <summary>Size of the result canvas and its mean absolute difference from the photo (0-255).</summary>
    public async Task<ResultCanvas> ResultAsync() =>
        await Page.EvaluateAsync<ResultCanvas>("""
            () => {
              const r = document.getElementById('result'), b = document.getElementById('before');
              const rd = r.getContext('2d').getImageData(0, 0, r.width, r.height).data;
              const bd = b.getContext('2d').getImageData(0, 0, b.width, b.height).data;
              let sum = 0;
              for (let i = 0; i < rd.length; i++) if (i % 4 !== 3) sum += Math.abs(rd[i] - bd[i]);
              return { width: r.width, height: r.height, meanDifference: sum / (rd.length * 3 / 4) };
            }
            """);
}

/// <summary>What the test reads back from the result canvas (settable: Playwright fills it from JSON).</summary>
internal sealed class ResultCanvas
{
    public int Width { get; set; }

    public int Height { get; set; }

    public double MeanDifference { get; set; }
}
