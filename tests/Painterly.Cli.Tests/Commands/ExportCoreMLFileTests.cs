using Painterly.Core.Models;
using Painterly.Core.Styles;
using Painterly.CoreML;
using Painterly.CoreML.Specification;
using Flexibility = Painterly.CoreML.Specification.ImageFeatureType.SizeFlexibilityOneofCase;
using LayerCase = Painterly.CoreML.Specification.NeuralNetworkLayer.LayerOneofCase;

namespace Painterly.Cli.Tests.Commands;

/// <summary>
/// What `export --format coreml` wrote, read back from the file field by field against the values docs/formats.md
/// documents (never against the command's own echo or the writer's own version function): the specification
/// version each feature needs, RGB image features named image and stylized, the identity scaler, the clamp, the
/// weights' precision and the flexible sizes on input and output alike.
/// </summary>
public sealed class ExportCoreMLFileTests
{
    public static TheoryData<string, string[], int> Forms => new()
    {
        // 1 (iOS 11) plain; 2 (iOS 11.2) with fp16 weights; 3 (iOS 12) with flexible sizes; 4 (iOS 13) with the Clip layer.
        { "plain", ["--size", "64x48"], 1 },
        { "fp16", ["--size", "64x48", "--fp16"], 2 },
        { "enumerated", ["--sizes", "64x48,32x32"], 3 },
        { "range", ["--size-range", "32..128"], 3 },
        { "clip", ["--size", "64x48", "--min-ios", "13"], 4 },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_written_file_has_the_documented_fields(string form, string[] options, int specVersion)
    {
        using var temp = new TempFolder();
        string path = temp.File("s.mlmodel");
        var result = CliRunner.Run(["export", "seeded", "--format", "coreml", .. options, "-o", path]);
        Assert.Equal(0, result.ExitCode);

        var model = CoreMLModelReader.Parse(File.ReadAllBytes(path));

        Assert.Equal(specVersion, model.SpecificationVersion);
        Assert.Equal(["image"], model.Description.Input.Select(f => f.Name));
        Assert.Equal(["stylized"], model.Description.Output.Select(f => f.Name));
        foreach (var feature in model.Description.Input.Concat(model.Description.Output))
        {
            Assert.Equal(FeatureType.TypeOneofCase.ImageType, feature.Type.TypeCase);
            var image = feature.Type.ImageType;
            Assert.Equal(ImageFeatureType.Types.ColorSpace.Rgb, image.ColorSpace);
            switch (form)
            {
                case "enumerated":
                    Assert.Equal(Flexibility.EnumeratedSizes, image.SizeFlexibilityCase);
                    Assert.Equal([(64UL, 48UL), (32UL, 32UL)], image.EnumeratedSizes.Sizes.Select(s => (s.Width, s.Height)));
                    Assert.Equal((64L, 48L), (image.Width, image.Height));
                    break;
                case "range":
                    Assert.Equal(Flexibility.ImageSizeRange, image.SizeFlexibilityCase);
                    Assert.Equal((32UL, 128L), (image.ImageSizeRange.WidthRange.LowerBound, image.ImageSizeRange.WidthRange.UpperBound));
                    Assert.Equal((32UL, 128L), (image.ImageSizeRange.HeightRange.LowerBound, image.ImageSizeRange.HeightRange.UpperBound));
                    // The default size must lie in the range, or Core ML refuses the model.
                    Assert.InRange(image.Width, 32, 128);
                    Assert.InRange(image.Height, 32, 128);
                    break;
                default:
                    Assert.Equal(Flexibility.None, image.SizeFlexibilityCase);
                    Assert.Equal((64L, 48L), (image.Width, image.Height));
                    break;
            }
        }

        var network = model.NeuralNetwork;
        var scaler = Assert.Single(network.Preprocessing);
        Assert.Equal("image", scaler.FeatureName);
        Assert.Equal((1f, 0f, 0f, 0f), (scaler.Scaler.ChannelScale, scaler.Scaler.RedBias, scaler.Scaler.GreenBias, scaler.Scaler.BlueBias));
        Assert.Equal("stylized", network.Layers[^1].Output.Single());
        if (form == "clip")
        {
            Assert.Equal(LayerCase.Clip, network.Layers[^1].LayerCase);
            Assert.Equal((0f, 255f), (network.Layers[^1].Clip.MinVal, network.Layers[^1].Clip.MaxVal));
        }
        else
        {
            // Version 1 has no Clip: the clamp is built from version-1 layers.
            Assert.DoesNotContain(network.Layers, l => l.LayerCase == LayerCase.Clip);
        }

        var weights = network.Layers.SelectMany(l => new[] { l.Convolution?.Weights, l.Convolution?.Bias, l.Batchnorm?.Gamma, l.Batchnorm?.Beta }).OfType<WeightParams>().ToList();
        long parameters = StyleCatalog.Load(StyleCatalog.Default.Find("seeded")!).ParameterCount;
        if (form == "fp16")
        {
            Assert.All(weights, w => Assert.Empty(w.FloatValue));
            Assert.Equal(parameters * 2, weights.Sum(w => (long)w.Float16Value.Length));
        }
        else
        {
            Assert.All(weights, w => Assert.True(w.Float16Value.IsEmpty));
            Assert.Equal(parameters, weights.Sum(w => (long)w.FloatValue.Count));
        }

        // The command's line names the version the file carries.
        Assert.Contains($"Core ML spec version {specVersion} (", result.Output, StringComparison.Ordinal);
    }
}
