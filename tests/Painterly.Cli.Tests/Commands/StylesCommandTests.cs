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

    [Fact]
    public void Json_lists_every_style_with_its_painting()
    {
        var result = CliRunner.Run("styles", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var styles = json.RootElement.EnumerateArray().ToList();
        Assert.Equal("starry-night", styles[0].GetProperty("name").GetString());
        Assert.True(styles[0].GetProperty("isDefault").GetBoolean());
        Assert.Equal("The Starry Night", styles[0].GetProperty("painting").GetString());
        Assert.Contains(styles, s => s.GetProperty("name").GetString() == "seeded");
    }

    [Fact]
    public void Inspect_takes_a_built_in_style_name()
    {
        var result = CliRunner.Run("inspect", "starry-night");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("starry-night.safetensors", result.Output, StringComparison.Ordinal);
    }
}
