using Painterly.Core.Models;

namespace Painterly.Onnx.Tests;

public class OnnxInt8CalibrationTests
{
    private static readonly OnnxInt8Calibration Sample = new()
    {
        Convs = new Dictionary<string, OnnxConvRanges>(StringComparer.Ordinal)
        {
            ["res2.conv2"] = new(new(0f, 3.5f), new(-2.25f, 4f)),
            ["deconv1"] = new(new(-1f, 6f), new(-0.5f, 0.75f)),
        },
        PsnrDb = 47.25,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Survives_a_model_file_round_trip_in_fp32_and_fp16(bool fp16)
    {
        var model = Sample.StoreIn(RandomStyleModels.Create(RandomStyleModels.Small()));
        using var stream = new MemoryStream();
        StyleModelFile.Save(stream, model, fp16);

        var read = OnnxInt8Calibration.ReadFrom(StyleModelFile.Load(stream.ToArray()));

        Assert.NotNull(read);
        Assert.Equal(Sample.Convs.Keys, read.Convs.Keys);
        Assert.All(Sample.Convs, e => Assert.Equal(e.Value, read.Convs[e.Key]));
        Assert.Equal(47.25, read.PsnrDb);
    }

    [Fact]
    public void Is_ignored_for_other_weights()
    {
        var calibrated = Sample.StoreIn(RandomStyleModels.Create(RandomStyleModels.Small(), seed: 1));
        var retrained = new StyleModel(calibrated.Config, RandomStyleModels.Create(RandomStyleModels.Small(), seed: 2).Weights, calibrated.Info);

        Assert.NotNull(OnnxInt8Calibration.ReadFrom(calibrated));
        Assert.Null(OnnxInt8Calibration.ReadFrom(retrained));
    }

    [Fact]
    public void Is_absent_from_a_model_without_one()
    {
        Assert.Null(OnnxInt8Calibration.ReadFrom(RandomStyleModels.Create(RandomStyleModels.Small())));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"convs\":{}}")]
    [InlineData("{\"fingerprint\":\"FP\",\"convs\":{\"res1.conv1\":[0,1,2]}}")]
    [InlineData("{\"fingerprint\":\"FP\",\"convs\":{\"res1.conv1\":[1,0,0,1]}}")]
    [InlineData("{\"fingerprint\":\"FP\",\"convs\":{\"res1.conv1\":[0,1,0,\"x\"]}}")]
    [InlineData("{\"fingerprint\":\"FP\",\"convs\":{\"res1.conv1\":[0,1,0,1e999]}}")]
    [InlineData("{\"fingerprint\":\"FP\",\"convs\":{\"res1.conv1\":[0,1,0,1],\"res1.conv1\":[0,1,0,1]}}")]
    [InlineData("{\"fingerprint\":\"FP\",\"convs\":{\"res9.conv1\":[0,1,0,1]}}")]
    public void Malformed_entries_fail_with_a_message_naming_the_key(string json)
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        json = json.Replace("FP", OnnxInt8Calibration.Fingerprint(model), StringComparison.Ordinal);
        var hostile = new StyleModel(model.Config, model.Weights, model.Info with
        {
            Extra = new Dictionary<string, string>(StringComparer.Ordinal) { [OnnxInt8Calibration.MetadataKey] = json },
        });

        var error = Assert.Throws<InvalidDataException>(() => OnnxInt8Calibration.ReadFrom(hostile));

        Assert.Contains(OnnxInt8Calibration.MetadataKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_entry_is_refused_before_parsing()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var hostile = new StyleModel(model.Config, model.Weights, model.Info with
        {
            Extra = new Dictionary<string, string>(StringComparer.Ordinal) { [OnnxInt8Calibration.MetadataKey] = new string('[', 1 << 20) },
        });

        var error = Assert.Throws<InvalidDataException>(() => OnnxInt8Calibration.ReadFrom(hostile));

        Assert.Contains("characters long", error.Message, StringComparison.Ordinal);
    }
}
