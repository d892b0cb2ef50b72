using Painterly.Core.Models;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Tests.Writing;

public class CoreMLSpecVersionTests
{
    private static readonly StyleModel Model = TestModels.Random(StyleNetUpsample.Nearest);

    public static TheoryData<string, int> Cases => new()
    {
        { "fixed fp32", 1 },
        { "fixed fp16", 2 },
        { "enumerated", 3 },
        { "range", 3 },
        { "enumerated fp16", 3 },
        { "ios12 fixed", 1 },
        { "ios13 clip", 4 },
        { "ios14 clip", 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeclaredVersion_IsTheLowestTheFeaturesNeed(string option, int expected)
    {
        var options = option switch
        {
            "fixed fp32" => new CoreMLExportOptions(),
            "fixed fp16" => new CoreMLExportOptions { Fp16 = true },
            "enumerated" => new CoreMLExportOptions { EnumeratedSizes = [new(256, 256), new(512, 512)] },
            "range" => new CoreMLExportOptions { SizeRange = new(64, 1024) },
            "enumerated fp16" => new CoreMLExportOptions { EnumeratedSizes = [new(256, 256)], Fp16 = true },
            "ios12 fixed" => new CoreMLExportOptions { MinimumIos = 12 },
            "ios13 clip" => new CoreMLExportOptions { MinimumIos = 13 },
            "ios14 clip" => new CoreMLExportOptions { MinimumIos = 14 },
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };

        var built = CoreMLExporter.Build(Model, options);

        Assert.Equal(expected, built.SpecificationVersion);
        Assert.Equal(expected, CoreMLSpecVersion.Required(built));
        Assert.Equal(expected, CoreMLModelReader.Parse(CoreMLExporter.Export(Model, options)).SpecificationVersion);
    }

    [Fact]
    public void Required_InspectsLayersWeightsAndFeatures()
    {
        var model = CoreMLExporter.Build(Model);
        Assert.Equal(1, CoreMLSpecVersion.Required(model));

        // One fp16 weight anywhere needs iOS 11.2.
        var fp16 = model.Clone();
        var gamma = fp16.NeuralNetwork.Layers.First(l => l.Batchnorm is not null).Batchnorm.Gamma;
        gamma.FloatValue.Clear();
        gamma.Float16Value = Google.Protobuf.ByteString.CopyFrom(new byte[16]);
        Assert.Equal(2, CoreMLSpecVersion.Required(fp16));

        // Flexibility on the output alone counts too.
        var flexible = model.Clone();
        flexible.Description.Output[0].Type.ImageType.EnumeratedSizes = new() { Sizes = { new ImageFeatureType.Types.ImageSize { Width = 512, Height = 512 } } };
        Assert.Equal(3, CoreMLSpecVersion.Required(flexible));

        var quantized = model.Clone();
        quantized.NeuralNetwork.Layers.First(l => l.Convolution is not null).Convolution.Weights.Quantization = new QuantizationParams { NumberOfBits = 8 };
        Assert.Equal(3, CoreMLSpecVersion.Required(quantized));

        var clip = model.Clone();
        clip.NeuralNetwork.Layers.Add(new NeuralNetworkLayer { Name = "c", Clip = new ClipLayerParams() });
        Assert.Equal(4, CoreMLSpecVersion.Required(clip));

        var fractional = model.Clone();
        fractional.NeuralNetwork.Layers.Add(new NeuralNetworkLayer { Name = "u", Upsample = new UpsampleLayerParams { FractionalScalingFactor = { 1.5f, 1.5f } } });
        Assert.Equal(5, CoreMLSpecVersion.Required(fractional));
    }

    [Theory]
    [InlineData(1, "iOS 11")]
    [InlineData(2, "iOS 11.2")]
    [InlineData(3, "iOS 12")]
    [InlineData(4, "iOS 13")]
    [InlineData(5, "iOS 14")]
    public void OperatingSystems_NameTheFirstIos(int version, string ios)
    {
        Assert.StartsWith(ios + ",", CoreMLSpecVersion.OperatingSystems(version), StringComparison.Ordinal);
    }
}
