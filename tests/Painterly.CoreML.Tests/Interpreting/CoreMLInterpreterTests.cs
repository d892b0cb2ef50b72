using Google.Protobuf;
using Painterly.Core.Images;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Tests.Interpreting.TinyModels;
using ColorSpace = Painterly.CoreML.Specification.ImageFeatureType.Types.ColorSpace;

namespace Painterly.CoreML.Tests.Interpreting;

public class CoreMLInterpreterTests
{
    private static PlanarImage Pixel(float r, float g, float b) => new(1, 1, [r, g, b]);

    [Fact]
    public void Scaler_WithBgrInput_AppliesBiasesInBgrOrder()
    {
        var scaler = new NeuralNetworkImageScaler { ChannelScale = 2, BlueBias = 1, GreenBias = 2, RedBias = 3 };
        var model = ImageModel(1, 1, ColorSpace.Bgr, ColorSpace.Rgb, [Identity("id", "in", "out")], scaler);

        var blobs = new CoreMLInterpreter(model).RunAll(Pixel(10, 20, 30));

        // Channel 0 of a BGR input is blue: 2 * 30 + 1; then green 2 * 20 + 2; then red 2 * 10 + 3.
        Assert.Equal([61, 42, 23], blobs["in"].Data);
    }

    [Fact]
    public void BgrOutput_IsReturnedAsRgb()
    {
        var scaler = new NeuralNetworkImageScaler { ChannelScale = 2, BlueBias = 1, GreenBias = 2, RedBias = 3 };
        var model = ImageModel(1, 1, ColorSpace.Bgr, ColorSpace.Bgr, [Identity("id", "in", "out")], scaler);

        var output = new CoreMLInterpreter(model).Run(Pixel(10, 20, 30));

        Assert.Equal([23, 42, 61], output.Data);
    }

    [Fact]
    public void RgbScaler_AppliesBiasesInRgbOrder()
    {
        var scaler = new NeuralNetworkImageScaler { ChannelScale = 0.5f, BlueBias = 1, GreenBias = 2, RedBias = 3 };
        var model = ImageModel(1, 1, ColorSpace.Rgb, ColorSpace.Rgb, [Identity("id", "in", "out")], scaler);

        Assert.Equal([8, 12, 16], new CoreMLInterpreter(model).Run(Pixel(10, 20, 30)).Data);
    }

    [Fact]
    public void WrongImageSize_IsRejected_SayingWhatTheModelTakes()
    {
        var model = ImageModel(4, 4, ColorSpace.Rgb, ColorSpace.Rgb, [Identity("id", "in", "out")]);

        var e = Assert.Throws<ArgumentException>(() => new CoreMLInterpreter(model).Run(new PlanarImage(8, 4)));

        Assert.Contains("4x4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedLayer_FailsWithOneLineNamingIt()
    {
        // A layer whose type (field 140, innerProduct) lies outside our schema: the parser keeps it as unknown.
        var known = new NeuralNetworkLayer { Name = "fc1", Input = { "in" }, Output = { "out" } }.ToByteArray();
        var layer = NeuralNetworkLayer.Parser.ParseFrom([.. known, 0xE2, 0x08, 0x00]);
        var model = ImageModel(1, 1, ColorSpace.Rgb, ColorSpace.Rgb, [layer]);

        var e = Assert.Throws<NotSupportedException>(() => new CoreMLInterpreter(model).Run(Pixel(1, 2, 3)));

        Assert.Contains("'fc1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("innerProduct", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void BlobReadBeforeItIsMade_IsRejected()
    {
        var model = ImageModel(1, 1, ColorSpace.Rgb, ColorSpace.Rgb, [Identity("a", "later", "out"), Identity("b", "in", "later")]);

        var e = Assert.Throws<InvalidDataException>(() => new CoreMLInterpreter(model));

        Assert.Contains("'later'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlobMadeTwice_IsRejected()
    {
        var model = ImageModel(1, 1, ColorSpace.Rgb, ColorSpace.Rgb, [Identity("a", "in", "out"), Identity("b", "in", "out")]);

        Assert.Throws<InvalidDataException>(() => new CoreMLInterpreter(model));
    }

    [Fact]
    public void MissingOutput_IsRejected()
    {
        var model = ImageModel(1, 1, ColorSpace.Rgb, ColorSpace.Rgb, [Identity("a", "in", "elsewhere")]);

        var e = Assert.Throws<InvalidDataException>(() => new CoreMLInterpreter(model));

        Assert.Contains("'out'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_IsRejectedByTheBytesConstructor()
    {
        Assert.Throws<InvalidDataException>(() => new CoreMLInterpreter([1, 2, 3, 4, 5]));
    }
}
