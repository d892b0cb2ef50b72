namespace Painterly.Cli.Tests.Commands;

/// <summary>Values of numeric options that do not parse, or parse out of range, are usage errors in one line.</summary>
public class NumericOptionTests
{
    [Theory]
    [InlineData("stylize", "--strength", "abc")]
    [InlineData("stylize", "--strength", "NaN")]
    [InlineData("stylize", "--tile", "abc")]
    [InlineData("stylize", "--tile", "99999999999")]
    [InlineData("stylize", "--tile", "63")]
    [InlineData("stylize", "--max-size", "abc")]
    [InlineData("stylize", "--max-pixels", "abc")]
    [InlineData("stylize", "--max-pixels", "99999999999999999999999")]
    [InlineData("stylize", "--scene-size", "abc")]
    [InlineData("bench", "--runs", "abc")]
    [InlineData("bench", "--warmup", "-1")]
    public void BadValueIsUsageErrorInOneLine(string command, string option, string value)
    {
        var result = CliRunner.Run(command, option, value);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
