namespace Painterly.Cli.Tests.Commands;

public class ServeCommandTests
{
    [Fact]
    public void MissingModelsFolderIsBadUsage()
    {
        var result = CliRunner.Run("serve", "--models", "/nonexistent/painterly-styles");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--models", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpShowsTheListenAddress()
    {
        var result = CliRunner.Run("serve", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--urls", result.Output, StringComparison.Ordinal);
        Assert.Contains("--models", result.Output, StringComparison.Ordinal);
    }
}
