using Painterly.Core.Models;
using Painterly.Core.PyTorch;

namespace Painterly.Core.Tests.PyTorch;

public class TorchCheckpointReaderTests
{
    public static TheoryData<string> Fixtures =>
    [
        "transformer-c8.pth",
        "transformer-c8-legacy.pth",
        "transformer-c8-legacy-stale.model",
        "transformer-c8-fp16.pth",
        "transformer-c8-transposed-fp16.pth",
        "noncontiguous.pth",
        "noncontiguous-legacy.pth",
        "dtypes.pth",
        "wrapped-dataparallel.pth",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_ReturnsTheSavedTensorsBitExactInOrder(string fixture)
    {
        var tensors = TorchCheckpointReader.Read(TorchFixtures.Path(fixture));

        var expected = TorchFixtures.ExpectedTensors(fixture);
        Assert.Equal(expected.Select(e => e.Name), tensors.Keys);
        foreach (var e in expected)
        {
            var tensor = tensors[e.Name];
            Assert.Equal(e.Shape, tensor.Shape);
            Assert.True(e.Sha256 == TorchFixtures.Hash(tensor, e.DType), $"{fixture}: '{e.Name}' differs from what torch saved.");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Inspect_ListsNamesDTypesAndShapes(string fixture)
    {
        var infos = TorchCheckpointReader.Inspect(TorchFixtures.Path(fixture));

        var expected = TorchFixtures.ExpectedTensors(fixture);
        Assert.Equal(expected.Select(e => e.Name), infos.Select(i => i.Name));
        Assert.Equal(expected.Select(e => e.DType), infos.Select(i => i.DType.ToHeaderName()));
        Assert.Equal(expected.Select(e => e.Shape), infos.Select(i => i.Shape.ToArray()));
    }

    [Fact]
    public void ZipAndLegacyFormats_GiveTheSameBits()
    {
        var zip = TorchCheckpointReader.Read(TorchFixtures.Path("transformer-c8.pth"));
        var legacy = TorchCheckpointReader.Read(TorchFixtures.Path("transformer-c8-legacy.pth"));

        Assert.Equal(zip.Keys, legacy.Keys);
        foreach (var (name, tensor) in zip)
        {
            Assert.Equal(Bits(tensor), Bits(legacy[name]));
        }
    }

    [Fact]
    public void Fp16_IsWithinHalfPrecisionOfTheFloat32Weights()
    {
        var full = TorchCheckpointReader.Read(TorchFixtures.Path("transformer-c8.pth"));
        var half = TorchCheckpointReader.Read(TorchFixtures.Path("transformer-c8-fp16.pth"));

        Assert.Equal(full.Keys, half.Keys);
        foreach (var (name, tensor) in full)
        {
            var rounded = half[name].Data;
            for (int i = 0; i < tensor.Data.Length; i++)
            {
                // Half has an 11-bit significand: rounding moves a normal value by at most 2^-11 of it.
                float exact = tensor.Data[i];
                Assert.True(Math.Abs(rounded[i] - exact) <= (Math.Abs(exact) * MathF.Pow(2, -11)) + 1e-7f, $"{name}[{i}]: {rounded[i]} vs {exact}");
                Assert.Equal((float)(Half)exact, rounded[i]);
            }
        }
    }

    [Fact]
    public void LegacyCheckpointWithStaleRunningStats_BecomesAStyleModel()
    {
        var model = TorchCheckpointReader.ReadStyleModel(TorchFixtures.Path("transformer-c8-legacy-stale.model"));

        Assert.Equal(new StyleNetConfig(8, 2, StyleNetUpsample.Nearest), model.Config);
        Assert.DoesNotContain(model.Weights.Keys, k => k.Contains("running", StringComparison.Ordinal));
        Assert.Equal(StyleNetArchitecture.ParameterCount(model.Config), model.ParameterCount);
        var plain = TorchCheckpointReader.Read(TorchFixtures.Path("transformer-c8.pth"));
        Assert.Equal(plain.Keys, model.Weights.Keys);
        foreach (var (name, tensor) in model.Weights)
        {
            Assert.Equal(Bits(plain[name]), Bits(tensor));
        }
    }

    [Fact]
    public void ZipCheckpoint_BecomesAStyleModel()
    {
        var model = TorchCheckpointReader.ReadStyleModel(TorchFixtures.Path("transformer-c8.pth"));

        Assert.Equal(new StyleNetConfig(8, 2, StyleNetUpsample.Nearest), model.Config);
    }

    [Fact]
    public void TransposedUpsampling_IsInferred()
    {
        var model = TorchCheckpointReader.ReadStyleModel(TorchFixtures.Path("transformer-c8-transposed-fp16.pth"));

        Assert.Equal(new StyleNetConfig(8, 2, StyleNetUpsample.Transposed), model.Config);
        Assert.Equal([32, 16, 3, 3], model.Weights["deconv1.conv2d.weight"].Shape);
    }

    [Fact]
    public void StyleModel_RoundTripsThroughTheSafetensorsModelFile()
    {
        var model = TorchCheckpointReader.ReadStyleModel(TorchFixtures.Path("transformer-c8-legacy-stale.model"));
        using var file = new MemoryStream();
        StyleModelFile.Save(file, model);

        var loaded = StyleModelFile.Load(file.ToArray());

        Assert.Equal(model.Config, loaded.Config);
        Assert.All(model.Weights, w => Assert.Equal(Bits(w.Value), Bits(loaded.Weights[w.Key])));
    }

    [Theory]
    [InlineData("noncontiguous.pth")]
    [InlineData("noncontiguous-legacy.pth")]
    public void Views_AreGatheredFromTheSharedStorage(string fixture)
    {
        var t = TorchCheckpointReader.Read(TorchFixtures.Path(fixture));
        var b = t["base"];
        float At(int row, int column) => b.Data[(row * 7) + column];

        Assert.Equal([5, 7], b.Shape);
        Assert.Equal([7, 5], t["transposed"].Shape);
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(At(j, i), t["transposed"].Data[(i * 5) + j]);
            }
        }

        Assert.Equal([3, 4], t["every_other_column"].Shape);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(At(1 + i, 2 * j), t["every_other_column"].Data[(i * 4) + j]);
            }
        }

        Assert.Equal([3, 7], t["broadcast_row"].Shape);
        Assert.All(t["broadcast_row"].Data.Chunk(7), row => Assert.Equal(b.Data.AsSpan(14, 7).ToArray(), row));
        Assert.Empty(t["scalar"].Shape);
        Assert.Equal(At(4, 6), Assert.Single(t["scalar"].Data));
        Assert.Equal([0, 7], t["empty"].Shape);
        Assert.Empty(t["empty"].Data);
    }

    [Fact]
    public void Dtypes_AreConvertedToFloat32()
    {
        var t = TorchCheckpointReader.Read(TorchFixtures.Path("dtypes.pth"));

        Assert.Equal([-3f, -2f, -1f, 0f, 1f, 2f], t["i64"].Data);
        Assert.Equal([5f, 6f, 7f, 8f, 9f, 10f], t["i32"].Data);
        for (int i = 0; i < 6; i++)
        {
            float x = t["f32"].Data[i];
            Assert.Equal((float)(Half)x, t["f16"].Data[i]);
            Assert.True(Math.Abs(t["bf16"].Data[i] - x) <= Math.Abs(x) * MathF.Pow(2, -8), $"bf16[{i}]");
            Assert.True(Math.Abs(t["f64"].Data[i] - (x / 3)) <= Math.Abs(x) * 1e-6f, $"f64[{i}]");
        }
    }

    [Fact]
    public void TrainingCheckpoint_YieldsTheModelWeightsWithoutTheDataParallelPrefix()
    {
        var infos = TorchCheckpointReader.Inspect(TorchFixtures.Path("wrapped-dataparallel.pth"));

        Assert.Equal(["weight", "bias"], infos.Select(i => i.Name));
        Assert.Equal([3, 2, 1, 1], infos[0].Shape);
        Assert.Equal(6, infos[0].ElementCount);
    }

    [Theory]
    [InlineData("transformer-c8.pth")]
    [InlineData("transformer-c8-legacy.pth")]
    public void ForwardOnlyStream_ReadsLikeAFile(string fixture)
    {
        using var stream = new ForwardOnlyStream(TorchFixtures.Bytes(fixture));

        var tensors = TorchCheckpointReader.Read(stream, fixture);

        var fromFile = TorchCheckpointReader.Read(TorchFixtures.Path(fixture));
        Assert.Equal(fromFile.Keys, tensors.Keys);
        Assert.All(fromFile, f => Assert.Equal(Bits(f.Value), Bits(tensors[f.Key])));
    }

    [Fact]
    public void NotATransformerNet_IsNotAStyleModel()
    {
        var e = Assert.Throws<InvalidDataException>(() => TorchCheckpointReader.ReadStyleModel(TorchFixtures.Path("dtypes.pth")));

        Assert.Contains("not a pytorch/examples TransformerNet", e.Message, StringComparison.Ordinal);
        Assert.Contains("dtypes.pth", e.Message, StringComparison.Ordinal);
    }

    private static int[] Bits(FloatTensor tensor) => [.. tensor.Data.Select(BitConverter.SingleToInt32Bits)];

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();

        public override long Length => throw new NotSupportedException();
    }
}
