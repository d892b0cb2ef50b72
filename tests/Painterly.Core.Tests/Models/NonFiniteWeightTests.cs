using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

/// <summary>A weight that can only paint garbage is refused when the model is read, naming file and tensor.</summary>
public class NonFiniteWeightTests
{
    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinity")]
    [InlineData(float.NegativeInfinity, "infinity")]
    [InlineData(3e38f, "implausible")]
    public void ModelFileWithABadWeightIsRefused(float value, string said)
    {
        var model = SeededStyleModel.Create(new StyleNetConfig(8, 1), 3);
        model.Weights["in2.weight"].Data[3] = value;
        using var stream = new MemoryStream();
        StyleModelFile.Save(stream, model);

        var error = Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(stream.ToArray(), "broken.safetensors"));

        Assert.Contains("broken.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains("'in2.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportedTensorsWithANaNAreRefused()
    {
        var weights = SeededStyleModel.Create(new StyleNetConfig(8, 1), 3).Weights.ToDictionary();
        weights["conv1.conv2d.weight"].Data[0] = float.NaN;

        var error = Assert.Throws<InvalidDataException>(() => StateDictStyleModel.FromTensors(weights, "net.pth"));

        Assert.Contains("net.pth", error.Message, StringComparison.Ordinal);
        Assert.Contains("conv1.conv2d.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFileWithIntegerWeightsIsRefused()
    {
        using var stream = new MemoryStream();
        StyleModelFile.Save(stream, SeededStyleModel.Create(new StyleNetConfig(8, 1), 3));
        // I32 has F32's size, so only the header's dtype changes: the same bytes, now read as integers.
        byte[] bytes = stream.ToArray();
        string text = System.Text.Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf("\"in2.weight\":{\"dtype\":\"F32\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        "I32"u8.CopyTo(bytes.AsSpan(at + "\"in2.weight\":{\"dtype\":\"".Length));

        var error = Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(bytes, "ints.safetensors"));

        Assert.Contains("ints.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains("tensor 'in2.weight' is stored as I32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeButFiniteTrainedValuesPass() => Assert.Equal(-1, WeightValues.FirstBad([0f, -250f, 1e4f, float.Epsilon]));
}
