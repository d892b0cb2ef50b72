namespace Painterly.Cli.Tests.Commands;

public class StylesCommandTests
{
    [Fact]
    public void ListsTheDefaultStyle()
    {
        var result = CliRunner.Run("styles");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(default)", result.Output, StringComparison.Ordinal);
        Assert.Contains("seeded", result.Output, StringComparison.Ordinal);
    }
}
