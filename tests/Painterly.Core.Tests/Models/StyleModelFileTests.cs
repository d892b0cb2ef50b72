using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

public class StyleModelFileTests
{
    private static readonly StyleModelInfo FullInfo = new()
    {
        StyleName = "wave",
        StyleImageTitle = "The Great Wave off Kanagawa",
        StyleImageArtist = "葛飾北斎",
        License = "CC-BY-4.0",
        Description = "Test model.\nTwo lines.",
        Training = """{"steps":40000,"content_weight":1e5}""",
        Steps = 40_000,
        Created = "2025-01-02T03:04:05Z",
        Extra = new Dictionary<string, string> { ["trainer"] = "painterly 0.1", ["empty"] = "" },
    };

    private static StyleModel Model(StyleNetConfig config, int seed = 5, StyleModelInfo? info = null)
    {
        var seeded = SeededStyleModel.Create(config, seed);
        return new StyleModel(config, seeded.Weights, info ?? seeded.Info);
    }

    private static void AssertBitExact(StyleModel expected, StyleModel actual)
    {
        Assert.Equal(expected.Weights.Keys, actual.Weights.Keys);
        foreach (var (name, tensor) in expected.Weights)
        {
            Assert.Equal(tensor.Shape, actual.Weights[name].Shape);
            Assert.Equal(SafetensorsBytes.Bits(tensor.Data), SafetensorsBytes.Bits(actual.Weights[name].Data));
        }
    }

    private static byte[] Raw(IReadOnlyDictionary<string, string>? metadata, IEnumerable<(string, FloatTensor)> tensors)
    {
        var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, metadata, tensors);
        return stream.ToArray();
    }

    private static IEnumerable<(string, FloatTensor)> TensorsOf(StyleModel model) => model.Weights.Select(w => (w.Key, w.Value));

    [Fact]
    public void Fp32RoundTrip_KeepsMetadataAndEveryTensorBitExact()
    {
        var model = Model(StyleNetConfig.Default, info: FullInfo);
        string dir = SafetensorsBytes.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "wave.safetensors");
            StyleModelFile.Save(path, model);
            var loaded = StyleModelFile.Load(path);

            Assert.Equal(model.Config, loaded.Config);
            Assert.Equal(FullInfo, loaded.Info);
            Assert.Equal(FullInfo.Extra, loaded.Info.Extra);
            AssertBitExact(model, loaded);

            using var file = SafetensorsFile.Open(path);
            Assert.Equal("painterly.stylenet", file.Metadata["format"]);
            Assert.Equal("1", file.Metadata["version"]);
            Assert.Equal(model.Config, StyleNetConfig.FromJson(file.Metadata["config"]));
            Assert.Equal("40000", file.Metadata["steps"]);
            Assert.Equal("葛飾北斎", file.Metadata["style_image_artist"]);
            Assert.Equal(model.Weights.Keys, file.Tensors.Select(t => t.Name));
            Assert.All(file.Tensors, t => Assert.Equal(SafetensorsDType.F32, t.DType));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Fp16RoundTrip_StoresHalvesWithinHalfPrecision()
    {
        var model = Model(new StyleNetConfig(8, 2, StyleNetUpsample.Transposed));
        var stream = new MemoryStream();
        StyleModelFile.Save(stream, model, fp16: true);
        stream.Position = 0;
        var loaded = StyleModelFile.Load(stream, "half");

        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(model.Info, loaded.Info);
        foreach (var (name, tensor) in model.Weights)
        {
            var back = loaded.Weights[name].Data;
            for (int i = 0; i < back.Length; i++)
            {
                Assert.Equal((float)(Half)tensor.Data[i], back[i]);
            }
        }

        using var file = SafetensorsFile.Open(stream.ToArray());
        Assert.All(file.Tensors, t => Assert.Equal(SafetensorsDType.F16, t.DType));
    }

    [Theory]
    [InlineData(32, 5, StyleNetUpsample.Nearest)]
    [InlineData(8, 3, StyleNetUpsample.Nearest)]
    [InlineData(16, 0, StyleNetUpsample.Transposed)]
    public void PytorchExamplesCheckpoint_WithoutMetadata_InfersConfig(int channels, int blocks, StyleNetUpsample upsample)
    {
        var config = new StyleNetConfig(channels, blocks, upsample);
        var model = Model(config);

        // Old checkpoints carry InstanceNorm running stats that the network never uses; the converter keeps them.
        var stale = StyleNetArchitecture.Stages(config).Select(s => s.Norm).OfType<string>()
            .SelectMany(n => new[] { (n + ".running_mean", new FloatTensor([channels], new float[channels])), (n + ".running_var", new FloatTensor([channels], new float[channels])) })
            .Take(6);
        var bytes = Raw(null, TensorsOf(model).Reverse().Concat(stale));

        var loaded = StyleModelFile.Load(bytes, "mosaic.safetensors");
        Assert.Equal(config, loaded.Config);
        Assert.Equal(new StyleModelInfo(), loaded.Info);
        AssertBitExact(model, loaded);
    }

    [Fact]
    public void PytorchExamplesCheckpoint_KeepsUnknownMetadataAsExtra()
    {
        var model = Model(new StyleNetConfig(4, 1));
        var loaded = StyleModelFile.Load(Raw(new Dictionary<string, string> { ["source"] = "udnie.pth" }, TensorsOf(model)));
        Assert.Equal(new Dictionary<string, string> { ["source"] = "udnie.pth" }, loaded.Info.Extra);
    }

    [Fact]
    public void WrongFormat_Throws()
    {
        var model = Model(new StyleNetConfig(4, 1));
        var e = Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(Raw(new Dictionary<string, string> { ["format"] = "pt" }, TensorsOf(model)), "x.safetensors"));
        Assert.Equal("Style model 'x.safetensors': metadata format is 'pt', expected 'painterly.stylenet'.", e.Message);
    }

    [Theory]
    [InlineData("2", "{\"channels\":4,\"residualBlocks\":1}", "version '2'")]
    [InlineData(null, "{\"channels\":4,\"residualBlocks\":1}", "version '(missing)'")]
    [InlineData("1", null, "lacks 'config'")]
    [InlineData("1", "{\"channels\":", "config is not valid JSON")]
    [InlineData("1", "{\"channels\":999}", "channels must be")]
    [InlineData("1", "{\"channels\":8,\"residualBlocks\":1}", "shape [4, 3, 9, 9], expected [8, 3, 9, 9]")]
    [InlineData("1", "{\"channels\":4,\"residualBlocks\":2}", "lacks tensor 'res2.conv1.conv2d.weight'")]
    [InlineData("1", "{\"channels\":4,\"residualBlocks\":0}", "unexpected tensor 'res1.conv1.conv2d.weight'")]
    public void BadPainterlyMetadata_Throws(string? version, string? config, string fragment)
    {
        var metadata = new Dictionary<string, string> { ["format"] = "painterly.stylenet" };
        if (version is not null)
        {
            metadata["version"] = version;
        }

        if (config is not null)
        {
            metadata["config"] = config;
        }

        var bytes = Raw(metadata, TensorsOf(Model(new StyleNetConfig(4, 1))));
        var e = Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(bytes, "bad.safetensors"));
        Assert.StartsWith("Style model 'bad.safetensors': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PainterlyFile_RejectsRunningStats()
    {
        var model = Model(new StyleNetConfig(4, 1));
        var stream = new MemoryStream();
        StyleModelFile.Save(stream, model);
        using var saved = SafetensorsFile.Open(stream.ToArray());
        var bytes = Raw(saved.Metadata, TensorsOf(model).Append(("in1.running_mean", new FloatTensor([4], new float[4]))));
        Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(bytes));
    }

    [Fact]
    public void UnrecognisedTensors_Throw()
    {
        var e = Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(Raw(null, [("weight", new FloatTensor([1], [0f]))]), "other.safetensors"));
        Assert.Contains("neither a Painterly nor a pytorch/examples model", e.Message, StringComparison.Ordinal);

        var model = Model(new StyleNetConfig(4, 1));
        var noise = TensorsOf(model).Append(("res1.in1.running_mean_extra", new FloatTensor([4], new float[4])));
        Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(Raw(null, noise)));
    }

    [Fact]
    public void BadSteps_Throws()
    {
        var model = Model(new StyleNetConfig(4, 1), info: new StyleModelInfo { Extra = new Dictionary<string, string> { ["steps_note"] = "x" } });
        var stream = new MemoryStream();
        StyleModelFile.Save(stream, model);
        using var saved = SafetensorsFile.Open(stream.ToArray());
        var metadata = saved.Metadata.ToDictionary();
        metadata["steps"] = "many";
        var e = Assert.Throws<InvalidDataException>(() => StyleModelFile.Load(Raw(metadata, TensorsOf(model))));
        Assert.Contains("'steps'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraWithReservedKey_IsRefusedOnSave()
    {
        var model = Model(new StyleNetConfig(4, 1), info: new StyleModelInfo { Extra = new Dictionary<string, string> { ["format"] = "x" } });
        Assert.Throws<ArgumentException>(() => StyleModelFile.Save(new MemoryStream(), model));
    }
}
