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

/// <summary><c>serve</c> refuses bad settings before starting the host, instead of changing them silently.</summary>
public class ServeOptionTests
{
    [Theory]
    [InlineData("--urls", "notaurl")]
    [InlineData("--urls", "http://127.0.0.1:99999")]
    [InlineData("--urls", "ftp://127.0.0.1:5000")]
    [InlineData("--max-pixels", "0")]
    [InlineData("--max-upload-mb", "-5")]
    [InlineData("--max-upload-mb", "abc")]
    public async Task BadSettingIsUsageErrorInOneLine(string option, string value)
    {
        // Were the setting accepted, the server would run until stopped: a bounded wait turns that into a failure.
        string[] args = option == "--urls" ? ["serve", option, value] : ["serve", "--urls", "http://127.0.0.1:0", option, value];
        var run = Task.Run(() => CliRunner.Run(args));
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(first == run, $"serve {option} {value} started instead of refusing");
        var result = await run;
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://*:8080;https://+:8443")]
    [InlineData("http://[::1]:0")]
    [InlineData("http://localhost:5000/")]
    public void ListenAddressesKestrelAcceptsPass(string urls) => Assert.True(Painterly.Cli.Commands.ListenAddresses.AreValid(urls));
}
