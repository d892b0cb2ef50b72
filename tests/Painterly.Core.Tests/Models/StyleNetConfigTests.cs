using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

public class StyleNetConfigTests
{
    [Fact]
    public void Json_keeps_the_model_file_form()
    {
        Assert.Equal("""{"channels":32,"residualBlocks":5,"upsample":"nearest"}""", StyleNetConfig.Default.ToJson());
        Assert.Equal("""{"channels":8,"residualBlocks":2,"upsample":"transposed"}""", new StyleNetConfig(8, 2, StyleNetUpsample.Transposed).ToJson());
    }

    [Theory]
    [InlineData(8, 0, StyleNetUpsample.Nearest)]
    [InlineData(256, 32, StyleNetUpsample.Transposed)]
    public void Json_round_trips(int channels, int blocks, StyleNetUpsample upsample)
    {
        var config = new StyleNetConfig(channels, blocks, upsample);

        Assert.Equal(config, StyleNetConfig.FromJson(config.ToJson()));
    }

    [Fact]
    public void Missing_settings_keep_their_defaults_and_unknown_ones_are_ignored()
    {
        Assert.Equal(new StyleNetConfig(Channels: 16), StyleNetConfig.FromJson("""{"channels":16,"comment":"x"}"""));
        Assert.Equal(new StyleNetConfig(Upsample: StyleNetUpsample.Transposed), StyleNetConfig.FromJson("""{"upsample":"Transposed"}"""));
    }

    [Theory]
    [InlineData("""{"channels":""", "not valid JSON")]
    [InlineData("[32]", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("""{"channels":"32"}""", "'channels' must be an integer, got \"32\"")]
    [InlineData("""{"channels":3.5}""", "'channels' must be an integer, got 3.5")]
    [InlineData("""{"residualBlocks":99999999999}""", "'residualBlocks' must be an integer, got 99999999999")]
    [InlineData("""{"channels":0}""", "channels must be 1..256")]
    [InlineData("""{"residualBlocks":-1}""", "residual blocks must be 0..32")]
    [InlineData("""{"upsample":"bilinear"}""", "unknown upsample mode \"bilinear\"")]
    [InlineData("""{"upsample":7}""", "unknown upsample mode 7")]
    [InlineData("""{"upsample":"7"}""", "unknown upsample mode \"7\"")]
    public void Bad_json_says_what_is_wrong(string json, string fragment)
    {
        var e = Assert.Throws<InvalidDataException>(() => StyleNetConfig.FromJson(json));

        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }
}
