using System.Text.Json;

namespace Painterly.Cli.Tests.Commands;

public class BenchCommandTests
{
    [Fact]
    public void ReportsEverySizeWithThroughputAndMemory()
    {
        var result = CliRunner.Run("bench", "--sizes", "16,32", "--runs", "1", "--warmup", "0", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var results = json.RootElement.GetProperty("results");
        Assert.Equal([16, 32], results.EnumerateArray().Select(r => r.GetProperty("size").GetInt32()));
        foreach (var r in results.EnumerateArray())
        {
            Assert.True(r.GetProperty("engineMedianMs").GetDouble() > 0);
            Assert.True(r.GetProperty("gflopsPerSecond").GetDouble() > 0);
            Assert.True(r.GetProperty("peakRssMb").GetInt64() > 10);
        }
    }

    [Theory]
    [InlineData("--sizes", "30")]
    [InlineData("--sizes", "abc")]
    [InlineData("--runs", "0")]
    public void BadSizesOrRunsAreUsageErrors(string option, string value) =>
        Assert.Equal(2, CliRunner.Run("bench", option, value).ExitCode);
}
