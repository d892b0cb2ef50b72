using Painterly.Core.Models;
using Painterly.CoreML.Specification;
using Case = Painterly.CoreML.Specification.NeuralNetworkLayer.LayerOneofCase;

namespace Painterly.CoreML.Tests.Writing;

public class CoreMLExporterTests
{
    private static readonly StyleModel Nearest = TestModels.Random(StyleNetUpsample.Nearest);
    private static readonly StyleModel Transposed = TestModels.Random(StyleNetUpsample.Transposed);

    [Fact]
    public void Layers_HaveMeaningfulNamesInStageOrder()
    {
        var names = CoreMLExporter.Build(Nearest).NeuralNetwork.Layers.Select(l => l.Name).ToList();

        Assert.Equal(["conv1/pad", "conv1/conv", "in1", "conv1/relu", "conv2/pad"], names.Take(5));
        Assert.Contains("res1/add", names);
        Assert.Contains("res2.in2", names);
        Assert.Equal(["deconv1/upsample", "deconv1/pad", "deconv1/conv", "in4", "deconv1/relu"], names.SkipWhile(n => n != "deconv1/upsample").Take(5));
        Assert.Equal(["deconv3/pad", "deconv3/conv", "clamp/min0", "clamp/max255_negated", "clamp"], names.TakeLast(5));
    }

    [Fact]
    public void ResidualAdd_ReadsTheNormAndTheBlockInput()
    {
        var layers = CoreMLExporter.Build(Nearest).NeuralNetwork.Layers;

        var add = layers.Single(l => l.Name == "res2/add");
        Assert.Equal(Case.Add, add.LayerCase);
        Assert.Equal(["res2.in2", "res1/add"], add.Input);
    }

    [Fact]
    public void ImageInputAndOutput_AreRgb512ByDefault_WithAnExplicitIdentityScaler()
    {
        var model = CoreMLExporter.Build(Nearest);

        foreach (var feature in new[] { model.Description.Input.Single(), model.Description.Output.Single() })
        {
            Assert.Equal(ImageFeatureType.Types.ColorSpace.Rgb, feature.Type.ImageType.ColorSpace);
            Assert.Equal((512L, 512L), (feature.Type.ImageType.Width, feature.Type.ImageType.Height));
            Assert.Equal(ImageFeatureType.SizeFlexibilityOneofCase.None, feature.Type.ImageType.SizeFlexibilityCase);
        }

        Assert.Equal(["image"], model.Description.Input.Select(i => i.Name));
        Assert.Equal(["stylized"], model.Description.Output.Select(i => i.Name));
        var scaler = model.NeuralNetwork.Preprocessing.Single();
        Assert.Equal("image", scaler.FeatureName);
        Assert.Equal(1f, scaler.Scaler.ChannelScale);
        Assert.Equal((0f, 0f, 0f), (scaler.Scaler.RedBias, scaler.Scaler.GreenBias, scaler.Scaler.BlueBias));
        Assert.Equal("image", model.NeuralNetwork.Layers[0].Input.Single());
        Assert.Equal("stylized", model.NeuralNetwork.Layers[^1].Output.Single());
    }

    [Fact]
    public void Convolutions_AreValid_WithReflectionPaddingInFront_AndCopyTheWeights()
    {
        var layers = CoreMLExporter.Build(Nearest).NeuralNetwork.Layers;

        var pad = layers.Single(l => l.Name == "conv1/pad").Padding;
        Assert.Equal(PaddingLayerParams.PaddingTypeOneofCase.Reflection, pad.PaddingTypeCase);
        Assert.All(pad.PaddingAmounts.BorderAmounts_, e => Assert.Equal((4UL, 4UL), (e.StartEdgeSize, e.EndEdgeSize)));
        var conv = layers.Single(l => l.Name == "conv2/conv").Convolution;
        Assert.Equal(ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Valid, conv.ConvolutionPaddingTypeCase);
        Assert.Equal((16UL, 8UL), (conv.OutputChannels, conv.KernelChannels));
        Assert.Equal([3UL, 3UL], conv.KernelSize);
        Assert.Equal([2UL, 2UL], conv.Stride);
        Assert.False(conv.IsDeconvolution);
        Assert.Equal(Nearest.Weights["conv2.conv2d.weight"].Data, conv.Weights.FloatValue);
        Assert.Equal(Nearest.Weights["conv2.conv2d.bias"].Data, conv.Bias.FloatValue);
    }

    [Fact]
    public void InstanceNorm_IsBatchnormComputingMeanVariance_WithEpsilonWritten()
    {
        var norm = CoreMLExporter.Build(Nearest).NeuralNetwork.Layers.Single(l => l.Name == "in2").Batchnorm;

        Assert.True(norm.InstanceNormalization);
        Assert.True(norm.ComputeMeanVar);
        Assert.Equal(1e-5f, norm.Epsilon);
        Assert.Equal(16UL, norm.Channels);
        Assert.Equal(Nearest.Weights["in2.weight"].Data, norm.Gamma.FloatValue);
        Assert.Equal(Nearest.Weights["in2.bias"].Data, norm.Beta.FloatValue);
    }

    [Fact]
    public void TransposedStage_IsDeconvolutionThenCropOfOneAtTopLeft()
    {
        var layers = CoreMLExporter.Build(Transposed).NeuralNetwork.Layers;
        var names = layers.Select(l => l.Name).ToList();

        Assert.Equal(["deconv1/deconv", "deconv1/crop", "in4", "deconv1/relu"], names.SkipWhile(n => n != "deconv1/deconv").Take(4));
        Assert.DoesNotContain("deconv1/pad", names);
        Assert.DoesNotContain(layers, l => l.LayerCase == Case.Upsample);
        var deconv = layers.Single(l => l.Name == "deconv1/deconv").Convolution;
        Assert.True(deconv.IsDeconvolution);
        Assert.Equal((16UL, 32UL), (deconv.OutputChannels, deconv.KernelChannels));
        Assert.Equal([2UL, 2UL], deconv.Stride);
        Assert.Empty(deconv.OutputShape);
        Assert.Equal(Transposed.Weights["deconv1.conv2d.weight"].Data, deconv.Weights.FloatValue);
        var crop = layers.Single(l => l.Name == "deconv1/crop").Crop.CropAmounts.BorderAmounts_;
        Assert.All(crop, e => Assert.Equal((1UL, 0UL), (e.StartEdgeSize, e.EndEdgeSize)));
    }

    [Fact]
    public void Fp16_StoresEveryWeightAsHalf()
    {
        var model = CoreMLExporter.Build(Nearest, new CoreMLExportOptions { Fp16 = true });
        var weights = model.NeuralNetwork.Layers.SelectMany(l => new[] { l.Convolution?.Weights, l.Convolution?.Bias, l.Batchnorm?.Gamma, l.Batchnorm?.Beta }).OfType<WeightParams>().ToList();

        Assert.Equal(Nearest.Weights.Count, weights.Count);
        Assert.All(weights, w => Assert.Empty(w.FloatValue));
        Assert.Equal(Nearest.ParameterCount * 2, weights.Sum(w => (long)w.Float16Value.Length));
    }

    [Fact]
    public void MinimumIos13_UsesOneClipLayer()
    {
        var layers = CoreMLExporter.Build(Nearest, new CoreMLExportOptions { MinimumIos = 13 }).NeuralNetwork.Layers;

        Assert.Equal(Case.Clip, layers[^1].LayerCase);
        Assert.Equal((0f, 255f), (layers[^1].Clip.MinVal, layers[^1].Clip.MaxVal));
        Assert.DoesNotContain(layers, l => l.LayerCase == Case.Unary);
    }

    [Fact]
    public void Flexibility_IsWrittenOnInputAndOutput()
    {
        var enumerated = CoreMLExporter.Build(Nearest, new CoreMLExportOptions { EnumeratedSizes = [new(256, 256), new(512, 384)] });
        var range = CoreMLExporter.Build(Nearest, new CoreMLExportOptions { SizeRange = new(64, 1024), Size = new(256, 128) });

        foreach (var feature in enumerated.Description.Input.Concat(enumerated.Description.Output))
        {
            var image = feature.Type.ImageType;
            Assert.Equal((256L, 256L), (image.Width, image.Height));
            Assert.Equal([(256UL, 256UL), (512UL, 384UL)], image.EnumeratedSizes.Sizes.Select(s => (s.Width, s.Height)));
        }

        foreach (var feature in range.Description.Input.Concat(range.Description.Output))
        {
            var image = feature.Type.ImageType;
            Assert.Equal((256L, 128L), (image.Width, image.Height));
            Assert.Equal((64UL, 1024L), (image.ImageSizeRange.WidthRange.LowerBound, image.ImageSizeRange.WidthRange.UpperBound));
            Assert.Equal((64UL, 1024L), (image.ImageSizeRange.HeightRange.LowerBound, image.ImageSizeRange.HeightRange.UpperBound));
        }
    }

    [Fact]
    public void Metadata_CarriesTheModelCard()
    {
        var metadata = CoreMLExporter.Build(Nearest, new CoreMLExportOptions { Author = "Ann", ModelVersion = "2.1" }).Description.Metadata;

        Assert.Equal("A random StyleNet for tests.", metadata.ShortDescription);
        Assert.Equal(("Ann", "2.1", "CC0-1.0"), (metadata.Author, metadata.VersionString, metadata.License));
        Assert.Equal("test-style", metadata.UserDefined["style_name"]);
        Assert.Equal("The Test Painting", metadata.UserDefined["style_image_title"]);
        Assert.Equal("A. Painter", metadata.UserDefined["style_image_artist"]);
        Assert.Equal(Nearest.Config, StyleNetConfig.FromJson(metadata.UserDefined["config"]));
        Assert.Equal("""{"steps":0}""", metadata.UserDefined["training"]);
        Assert.False(string.IsNullOrEmpty(metadata.UserDefined["painterly_version"]));
    }

    [Fact]
    public void Metadata_LeavesOutTheOnnxRuntimeInt8Calibration()
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal) { [StyleModelFile.Int8CalibrationKey] = "{}", ["note"] = "kept" };
        var model = new StyleModel(Nearest.Config, Nearest.Weights, Nearest.Info with { Extra = extra });

        var user = CoreMLExporter.Build(model).Description.Metadata.UserDefined;

        Assert.False(user.ContainsKey(StyleModelFile.Int8CalibrationKey));
        Assert.Equal("kept", user["note"]);
    }

    [Fact]
    public void EveryBlob_IsMadeOnce_AndReadOnlyAfterItIsMade()
    {
        foreach (var model in new[] { Nearest, Transposed })
        {
            var built = CoreMLExporter.Build(model);
            var made = new HashSet<string> { "image" };
            foreach (var layer in built.NeuralNetwork.Layers)
            {
                Assert.All(layer.Input, i => Assert.Contains(i, made));
                Assert.All(layer.Output, o => Assert.True(made.Add(o), $"blob {o} made twice"));
            }

            Assert.Equal(built.NeuralNetwork.Layers.Count, built.NeuralNetwork.Layers.Select(l => l.Name).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(510, 512)]
    [InlineData(0, 512)]
    public void SidesThatAreNotMultiplesOf4_AreRejected(int width, int height)
    {
        var e = Assert.Throws<ArgumentException>(() => CoreMLExporter.Export(Nearest, new CoreMLExportOptions { Size = new(width, height) }));

        Assert.Contains("multiple of 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InconsistentOptions_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => CoreMLExporter.Export(Nearest, new CoreMLExportOptions { EnumeratedSizes = [new(256, 256)], SizeRange = new(64, 512) }));
        Assert.Throws<ArgumentException>(() => CoreMLExporter.Export(Nearest, new CoreMLExportOptions { EnumeratedSizes = [new(256, 256)], Size = new(512, 512) }));
        Assert.Throws<ArgumentException>(() => CoreMLExporter.Export(Nearest, new CoreMLExportOptions { SizeRange = new(64, 512), Size = new(1024, 512) }));
        Assert.Throws<ArgumentException>(() => CoreMLExporter.Export(Nearest, new CoreMLExportOptions { SizeRange = new(512, 64) }));
        Assert.Throws<ArgumentException>(() => CoreMLExporter.Export(Nearest, new CoreMLExportOptions { EnumeratedSizes = [] }));
        Assert.Throws<ArgumentException>(() => CoreMLExporter.Export(Nearest, new CoreMLExportOptions { MinimumIos = 10 }));
    }

    [Fact]
    public void Save_WritesTheExportedBytesAtomically()
    {
        string dir = Path.Combine(Path.GetTempPath(), "painterly-coreml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "style.mlmodel");
            File.WriteAllText(path, "old");

            CoreMLExporter.Save(path, Nearest, new CoreMLExportOptions { Fp16 = true });

            Assert.Equal(CoreMLExporter.Export(Nearest, new CoreMLExportOptions { Fp16 = true }), File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(dir));
            Assert.Throws<ArgumentException>(() => CoreMLExporter.Save(path, Nearest, new CoreMLExportOptions { Size = new(3, 3) }));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
