using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Painterly.Web.Tests.Infrastructure;

namespace Painterly.Web.Tests.Api;

/// <summary>
/// Twenty clients at once with 1024-pixel photos, over a real loopback socket: every answer is a picture or a 503
/// with Retry-After, and the memory comes back afterwards. Alone in its collection, so other tests' allocations
/// do not blur the memory figures.
/// </summary>
[Collection(LoadTestGroup.Name)]
public sealed class LoadTests
{
    private const int Clients = 20;

    [Fact]
    public async Task Twenty_concurrent_1024px_requests_get_200_or_503_and_the_memory_comes_back()
    {
        var options = new PainterlyWebOptions { ModelsFolder = TestModels.Small, MaxConcurrency = 2, MaxQueue = 4 };
        await using var app = await TestApp.OnLoopbackAsync(options);
        byte[] photo = TestImages.Png(1024, 1024, noise: true);

        // The first wave settles what a server keeps by design (ONNX Runtime's arena sized for two runs at once,
        // the allocators' pools); the second must end where the first did, or every burst would leave memory behind.
        var first = await Wave(app, photo);
        var (managedBefore, residentBefore) = Memory();
        var second = await Wave(app, photo);
        var (managedAfter, residentAfter) = Memory();

        foreach (var responses in new[] { first, second })
        {
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"got {(int)r.StatusCode}"));
            var served = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
            var shed = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
            // Two run and four wait: of twenty arriving together, at least six are served and some are shed.
            Assert.InRange(served.Count, options.MaxConcurrency + options.MaxQueue, Clients - 1);
            Assert.All(served, r => Assert.Equal((1024, 1024), TestImages.SizeOf(r.Body)));
            Assert.All(shed, r => Assert.NotNull(r.RetryAfter));
        }

        // Each request held a 1024x1024 photo, float planes in and out and a PNG (about 30 MB): a wave that kept
        // them would grow by hundreds of MB.
        Assert.True(managedAfter - managedBefore < 64L << 20, $"managed heap grew by {(managedAfter - managedBefore) >> 20} MB");
        Assert.True(residentAfter - residentBefore < 96L << 20, $"resident memory grew by {(residentAfter - residentBefore) >> 20} MB");
    }

    private static async Task<(HttpStatusCode StatusCode, RetryConditionHeaderValue? RetryAfter, byte[] Body)[]> Wave(TestApp app, byte[] photo) =>
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            using var response = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(photo, "mobile"));
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            return (response.StatusCode, response.Headers.RetryAfter, body);
        }));

    private static (long Managed, long Resident) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.WorkingSet64);
    }
}

/// <summary>The load test's collection: it runs with no other test beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTestGroup
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Load";
}
