using System.Text.Json;
using Painterly.Core.Models;
using Painterly.CoreML.MlProgram;
using Painterly.CoreML.Specification.Mil;
using Painterly.CoreML.Tests.Writing;

namespace Painterly.CoreML.Tests.MlProgram;

/// <summary>The written ML Program field by field: version, opset, function signature, ops, constants, manifest.</summary>
public sealed class MilProgramWriterTests
{
    [Theory]
    [InlineData(15, 6, "CoreML5")]
    [InlineData(16, 7, "CoreML6")]
    [InlineData(17, 8, "CoreML7")]
    [InlineData(18, 9, "CoreML8")]
    public void Minimum_ios_picks_the_specification_version_and_opset(int ios, int version, string opset)
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { MinimumIos = ios, Size = new(64, 64) });

        Assert.Equal(version, package.Model.SpecificationVersion);
        var main = package.Model.MlProgram.Functions["main"];
        Assert.Equal(opset, main.Opset);
        Assert.True(main.BlockSpecializations.ContainsKey(opset));
        Assert.Equal(1, package.Model.MlProgram.Version);
    }

    [Fact]
    public void Ios_14_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { MinimumIos = 14 }));
    }

    [Fact]
    public void Main_takes_fp32_image_and_returns_fp32_stylized_with_fp16_compute_between()
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 48) });
        var main = package.Model.MlProgram.Functions["main"];
        var block = main.BlockSpecializations[main.Opset];

        var input = Assert.Single(main.Inputs);
        Assert.Equal("image", input.Name);
        Assert.Equal("fp32 [1, 3, 48, 64]", MilProgramCheck.Describe(input.Type.TensorType));
        Assert.Equal(["stylized"], block.Outputs);

        var ops = block.Operations.Where(o => o.Type != "const").ToList();
        Assert.Equal("cast", ops[0].Type);
        Assert.Equal("image", ops[0].Inputs["x"].Arguments[0].Name);
        Assert.Equal("cast", ops[^1].Type);
        Assert.Equal("stylized", ops[^1].Outputs[0].Name);
        Assert.Equal("fp32 [1, 3, 48, 64]", MilProgramCheck.Describe(ops[^1].Outputs[0].Type.TensorType));
        Assert.Equal("clip", ops[^2].Type);
        Assert.All(ops.Skip(1).SkipLast(1), o => Assert.Equal(DataType.Float16, o.Outputs[0].Type.TensorType.DataType));
        Assert.Contains(ops, o => o.Type == "pad");
        Assert.Contains(ops, o => o.Type == "instance_norm");
        Assert.Contains(ops, o => o.Type == "upsample_nearest_neighbor");
        Assert.Equal("image", package.Model.Description.Input[0].Name);
    }

    [Fact]
    public void Conv_binds_its_inputs_to_constants_with_custom_padding_and_blob_weights()
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64), Fp32 = true });
        var block = package.Model.MlProgram.Functions["main"].BlockSpecializations["CoreML5"];
        var consts = block.Operations.Where(o => o.Type == "const").ToDictionary(o => o.Outputs[0].Name, o => o.Attributes["val"]);
        var conv = block.Operations.First(o => o.Type == "conv");

        Assert.Equal(["bias", "dilations", "groups", "pad", "pad_type", "strides", "weight", "x"], conv.Inputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("custom", consts[conv.Inputs["pad_type"].Arguments[0].Name].ImmediateValue.Tensor.Strings.Values[0]);
        Assert.Equal([0, 0, 0, 0], consts[conv.Inputs["pad"].Arguments[0].Name].ImmediateValue.Tensor.Ints.Values);
        var weight = consts[conv.Inputs["weight"].Arguments[0].Name];
        Assert.Equal("@model_path/weights/weight.bin", weight.BlobFileValue.FileName);
        Assert.Equal(0ul, weight.BlobFileValue.Offset % 64);
        Assert.Equal("fp32 [8, 3, 9, 9]", MilProgramCheck.Describe(weight.Type.TensorType));
        Assert.Equal(conv.Outputs[0].Name, conv.Attributes["name"].ImmediateValue.Tensor.Strings.Values[0]);
        Assert.All(block.Operations, o => Assert.True(o.Attributes.ContainsKey("name")));
        Assert.DoesNotContain(block.Operations, o => o.Type == "cast");
        Assert.Equal("identity", block.Operations[^1].Type);
    }

    [Fact]
    public void Flexible_sizes_leave_height_and_width_unknown()
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { SizeRange = new(64, 1024) });
        var main = package.Model.MlProgram.Functions["main"];

        Assert.Equal("fp32 [1, 3, ?, ?]", MilProgramCheck.Describe(main.Inputs[0].Type.TensorType));
        Assert.NotNull(package.Model.Description.Input[0].Type.ImageType.ImageSizeRange);
        Assert.NotNull(package.Model.Description.Output[0].Type.ImageType.ImageSizeRange);
    }

    [Fact]
    public void Transposed_upsampling_becomes_conv_transpose_and_crop()
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Transposed), new MlProgramExportOptions { Size = new(64, 64) });
        var types = package.Model.MlProgram.Functions["main"].BlockSpecializations["CoreML5"].Operations.Select(o => o.Type).ToList();

        Assert.Equal(2, types.Count(t => t == "conv_transpose"));
        Assert.Equal(2, types.Count(t => t == "crop"));
    }

    [Fact]
    public void Manifest_lists_the_specification_as_root_and_the_weights_folder()
    {
        using var json = JsonDocument.Parse(MlPackageWriter.Manifest());
        var root = json.RootElement;
        var entries = root.GetProperty("itemInfoEntries").EnumerateObject().ToList();
        var model = entries.Single(e => e.Name == root.GetProperty("rootModelIdentifier").GetString());

        Assert.Equal("1.0.0", root.GetProperty("fileFormatVersion").GetString());
        Assert.Equal("com.apple.CoreML/model.mlmodel", model.Value.GetProperty("path").GetString());
        Assert.Equal("com.apple.CoreML", model.Value.GetProperty("author").GetString());
        Assert.Contains(entries, e => e.Value.GetProperty("path").GetString() == "com.apple.CoreML/weights" && e.Value.GetProperty("name").GetString() == "weights");
    }

    [SkippableFact]
    public void Protoc_decodes_the_specification_with_no_unknown_fields()
    {
        var package = MlProgramExporter.Build(TestModels.Random(StyleNetUpsample.Nearest), new MlProgramExportOptions { Size = new(64, 64) });
        string text = ProtocDecodeTests.Decode(Google.Protobuf.MessageExtensions.ToByteArray(package.Model));

        Assert.Contains("specificationVersion: 6", text, StringComparison.Ordinal);
        Assert.Contains("mlProgram {", text, StringComparison.Ordinal);
        Assert.Contains("opset: \"CoreML5\"", text, StringComparison.Ordinal);
        Assert.Contains("fileName: \"@model_path/weights/weight.bin\"", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(ProtocDecodeTests.UnknownField(), text);
    }
}
