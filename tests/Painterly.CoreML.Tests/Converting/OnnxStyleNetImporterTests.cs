using Painterly.Core.Models;
using Painterly.Onnx;

namespace Painterly.CoreML.Tests.Converting;

/// <summary>The StyleNet importer on PyTorch's exports and on Painterly's own.</summary>
public sealed class OnnxStyleNetImporterTests
{
    [Theory]
    [InlineData("transformer-c8-opset9.onnx")]
    [InlineData("transformer-c8-opset11.onnx")]
    [InlineData("transformer-c8-opset13.onnx")]
    [InlineData("transformer-c8-opset11-unfolded.onnx")]
    public void PyTorch_exports_import_by_parameter_names(string fixture)
    {
        var import = OnnxStyleNetImporter.TryImport(OnnxGraph.ReadFile(OnnxFixtures.Path(fixture)), fixture, out string whyNot);
        Assert.True(import is not null, whyNot);
        Assert.Equal(OnnxStyleNetImportMethod.ParameterNames, import.Method);
        Assert.Equal(new StyleNetConfig(8, 2), import.Model.Config);
        using var stylizer = new OnnxStylizer(import.Model);
        var output = stylizer.Stylize(OnnxFixtures.Input().Data, OnnxFixtures.Width, OnnxFixtures.Height);
        Assert.InRange(OnnxFixtures.MaxDifference(output, OnnxFixtures.Expected("transformer-c8-output.f32").Data), 0f, 0.5f);
    }

    [Fact]
    public void Painterly_exports_with_their_clamp_import_as_the_same_stylenet()
    {
        // Painterly's own ONNX ends in a clamp to 0-255, which every StyleNet export adds again: the importer
        // reads it back as a StyleNet with the same weights (convert used to refuse its own exports).
        var model = TestModels.Random(StyleNetUpsample.Nearest);
        var import = OnnxStyleNetImporter.TryImport(OnnxGraph.Read(OnnxExporter.Export(model)), "painterly", out string whyNot);
        Assert.True(import is not null, whyNot);
        Assert.Equal(model.Config, import.Model.Config);
        foreach (var (name, tensor) in model.Weights)
        {
            Assert.Equal(tensor.Data, import.Model.Weights[name].Data);
        }
    }

    [Fact]
    public void Mobile_exports_import_with_their_block_channel_order_undone()
    {
        // The export stores the first and last weights in SpaceToDepth/DepthToSpace order under other names:
        // only the structure says what they are, and reading them as they lie would scramble the colours.
        var model = TestModels.Mobile();
        var import = OnnxStyleNetImporter.TryImport(OnnxGraph.Read(OnnxExporter.Export(model)), "painterly", out string whyNot);
        Assert.True(import is not null, whyNot);
        Assert.Equal(OnnxStyleNetImportMethod.GraphStructure, import.Method);
        Assert.Equal(model.Config, import.Model.Config);
        foreach (var (name, tensor) in model.Weights)
        {
            Assert.Equal(tensor.Data, import.Model.Weights[name].Data);
        }
    }

    [Theory]
    [InlineData("misc-ops-opset13.onnx", "not part of a StyleNet")]
    [InlineData("unsupported-op.onnx", "not part of a StyleNet")]
    public void Other_graphs_are_not_stylenets(string fixture, string reason)
    {
        Assert.Null(OnnxStyleNetImporter.TryImport(OnnxGraph.ReadFile(OnnxFixtures.Path(fixture)), fixture, out string whyNot));
        Assert.Contains(reason, whyNot, StringComparison.Ordinal);
    }
}
