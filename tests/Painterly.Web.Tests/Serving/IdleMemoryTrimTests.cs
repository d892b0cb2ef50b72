using System.Net;
using Painterly.Web.Serving;
using Painterly.Web.Tests.Api;
using Painterly.Web.Tests.Infrastructure;

namespace Painterly.Web.Tests.Serving;

/// <summary>Freed memory is given back once the server has gone quiet, and never while a job is running or waiting.</summary>
public sealed class IdleMemoryTrimTests
{
    [Fact]
    public async Task Memory_is_trimmed_once_after_the_last_job_and_not_while_one_waits()
    {
        var options = new PainterlyWebOptions { ModelsFolder = TestModels.Small, IdleTrimDelay = TimeSpan.FromMilliseconds(100) };
        await using var app = await TestApp.InMemoryAsync(options);
        var gate = app.Service<WorkGate>();

        using (var waiting = gate.TryAdmit())
        {
            using var served = await app.Client.PostAsync("/api/stylize", StylizeApiTests.Form(TestImages.Png(16, 16), "mobile"));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            await Task.Delay(500);
            Assert.Equal(0, gate.IdleTrims); // a place is still taken: not idle
        }

        await WaitFor(() => gate.IdleTrims == 1);
        await Task.Delay(500);
        Assert.Equal(1, gate.IdleTrims); // once per quiet spell, not on a timer
    }

    [Fact]
    public void The_delay_must_be_positive() =>
        Assert.Throws<ArgumentException>(() => new PainterlyWebOptions { IdleTrimDelay = TimeSpan.Zero }.Validate());

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "memory was not trimmed within 5 s of going idle");
    }
}
