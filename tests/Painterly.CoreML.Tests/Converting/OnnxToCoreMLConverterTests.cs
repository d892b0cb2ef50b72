using Painterly.CoreML.Specification;
using Painterly.Onnx;

namespace Painterly.CoreML.Tests.Converting;

/// <summary>The general ONNX -> Core ML converter, on PyTorch exports, without the StyleNet importer.</summary>
public sealed class OnnxToCoreMLConverterTests
{
    private static readonly CoreMLExportOptions FixtureSize = new() { Size = new CoreMLImageSize(OnnxFixtures.Width, OnnxFixtures.Height) };

    [Theory]
    [InlineData("transformer-c8-opset9.onnx", "transformer-c8-output.f32")]
    [InlineData("transformer-c8-opset11.onnx", "transformer-c8-output.f32")]
    [InlineData("transformer-c8-opset13.onnx", "transformer-c8-output.f32")]
    [InlineData("transformer-c8-opset11-unfolded.onnx", "transformer-c8-output.f32")]
    [InlineData("misc-ops-opset11.onnx", "misc-ops-output.f32")]
    [InlineData("misc-ops-opset13.onnx", "misc-ops-output.f32")]
    public void Converted_graph_matches_pytorch(string fixture, string expected)
    {
        var model = OnnxToCoreMLConverter.Convert(OnnxGraph.ReadFile(OnnxFixtures.Path(fixture)), FixtureSize, fixture);
        var output = new CoreMLInterpreter(model.ToByteArrayRoundTrip()).Run(OnnxFixtures.Input());
        Assert.InRange(OnnxFixtures.MaxDifference(output.Data, OnnxFixtures.Expected(expected).Data), 0f, 0.5f);
    }

    [Fact]
    public void Pad_chains_are_folded_away()
    {
        var model = OnnxToCoreMLConverter.Convert(OnnxGraph.ReadFile(OnnxFixtures.Path("transformer-c8-opset11-unfolded.onnx")), FixtureSize);
        var types = model.NeuralNetwork.Layers.Select(l => l.LayerCase).Distinct().ToList();
        Assert.DoesNotContain(NeuralNetworkLayer.LayerOneofCase.None, types);
        Assert.Equal(10, model.NeuralNetwork.Layers.Count(l => l.LayerCase == NeuralNetworkLayer.LayerOneofCase.Padding && l.Padding.Reflection is not null));
        Assert.Equal(2, model.NeuralNetwork.Layers.Count(l => l.LayerCase == NeuralNetworkLayer.LayerOneofCase.Upsample));
    }

    [Fact]
    public void Spec_version_follows_minimum_ios_and_fp16()
    {
        var graph = OnnxGraph.ReadFile(OnnxFixtures.Path("misc-ops-opset13.onnx"));
        Assert.Equal(CoreMLSpecVersion.Ios11, OnnxToCoreMLConverter.Convert(graph, FixtureSize).SpecificationVersion);
        Assert.Equal(CoreMLSpecVersion.Ios11Point2, OnnxToCoreMLConverter.Convert(graph, FixtureSize with { Fp16 = true }).SpecificationVersion);
        var ios13 = OnnxToCoreMLConverter.Convert(graph, FixtureSize with { MinimumIos = 13 });
        Assert.Equal(CoreMLSpecVersion.Ios13, ios13.SpecificationVersion);
        Assert.Contains(ios13.NeuralNetwork.Layers, l => l.LayerCase == NeuralNetworkLayer.LayerOneofCase.Clip);
    }

    [Fact]
    public void Fp16_weights_stay_close()
    {
        var graph = OnnxGraph.ReadFile(OnnxFixtures.Path("transformer-c8-opset13.onnx"));
        var model = OnnxToCoreMLConverter.Convert(graph, FixtureSize with { Fp16 = true });
        var output = new CoreMLInterpreter(model.ToByteArrayRoundTrip()).Run(OnnxFixtures.Input());
        Assert.InRange(OnnxFixtures.MaxDifference(output.Data, OnnxFixtures.Expected("transformer-c8-output.f32").Data), 0f, 2.0f);
    }

    [Fact]
    public void Unsupported_op_fails_with_one_line_naming_op_and_node()
    {
        var graph = OnnxGraph.ReadFile(OnnxFixtures.Path("unsupported-op.onnx"));
        var error = Assert.Throws<InvalidDataException>(() => OnnxToCoreMLConverter.Convert(graph, FixtureSize));
        Assert.Contains("'softmax_node'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Softmax", error.Message, StringComparison.Ordinal);
        Assert.Contains("supported: Conv", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Flexible_sizes_work_when_nothing_depends_on_the_input_size()
    {
        var graph = OnnxGraph.ReadFile(OnnxFixtures.Path("transformer-c8-opset13.onnx"));
        var options = new CoreMLExportOptions { EnumeratedSizes = [new(OnnxFixtures.Width, OnnxFixtures.Height), new(32, 32)] };
        var model = OnnxToCoreMLConverter.Convert(graph, options);
        Assert.Equal(CoreMLSpecVersion.Ios12, model.SpecificationVersion);
        var output = new CoreMLInterpreter(model.ToByteArrayRoundTrip()).Run(OnnxFixtures.Input());
        Assert.InRange(OnnxFixtures.MaxDifference(output.Data, OnnxFixtures.Expected("transformer-c8-output.f32").Data), 0f, 0.5f);
    }
}

internal static class ModelBytes
{
    /// <summary>Serialized and parsed again, so the test sees what a file would hold.</summary>
    public static byte[] ToByteArrayRoundTrip(this Model model) => Google.Protobuf.MessageExtensions.ToByteArray(model);
}
