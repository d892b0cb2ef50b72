using Google.Protobuf;
using Painterly.Core.Models;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Tests.Reading;

public class CoreMLModelReaderTests
{
    private static readonly StyleModel Default = SeededStyleModel.CreateDefault();

    [Fact]
    public void Summary_OfTheDefaultExport()
    {
        var summary = CoreMLModelReader.Summarize(CoreMLModelReader.Parse(CoreMLExporter.Export(Default)));

        Assert.Equal(1, summary.SpecificationVersion);
        Assert.Equal(1, summary.RequiredSpecificationVersion);
        Assert.Equal("iOS 11, macOS 10.13", summary.OperatingSystems);
        Assert.Equal("image: image 512x512 RGB, fixed size", summary.Inputs.Single().ToString());
        Assert.Equal("stylized: image 512x512 RGB, fixed size", summary.Outputs.Single().ToString());
        Assert.Contains("image: scaler x * 1 + bias (R 0, G 0, B 0", summary.Preprocessing.Single(), StringComparison.Ordinal);

        // 16 convs, each after a reflection pad; 15 instance norms; 10 ReLUs + the clamp's linear; 5 residual adds.
        Assert.Equal(
            [new("padding", 16), new("convolution", 16), new("batchnorm", 15), new("activation", 11), new("add", 5), new("upsample", 2), new("unary", 2)],
            summary.LayerTypeCounts);
        Assert.Equal(67, summary.Layers.Count);
        Assert.Equal(StyleNetArchitecture.ParameterCount(Default.Config), summary.ParameterCount);
        Assert.Equal(summary.ParameterCount, summary.Float32Parameters);
        Assert.Equal(0, summary.Float16Parameters);
        Assert.Equal(4 * summary.ParameterCount, summary.WeightBytes);
        Assert.Equal("seeded", summary.UserDefined.Single(e => e.Key == "style_name").Value);
        Assert.Equal("Painterly", summary.Author);
        Assert.Equal("CC0-1.0", summary.License);
    }

    [Fact]
    public void LayerTable_ShowsInputsOutputsAndKeyParameters()
    {
        var layers = CoreMLModelReader.Summarize(CoreMLExporter.Build(Default)).Layers;

        var conv1 = layers.Single(l => l.Name == "conv1/conv");
        Assert.Equal("convolution", conv1.Type);
        Assert.Equal(["conv1/pad"], conv1.Inputs);
        Assert.Equal(["conv1/conv"], conv1.Outputs);
        Assert.Equal("3→32, kernel 9x9, stride 1x1, valid, float32", conv1.Parameters);
        Assert.Equal((32 * 3 * 81) + 32, conv1.ParameterCount);
        Assert.Equal("reflection top 4 bottom 4 left 4 right 4", layers.Single(l => l.Name == "conv1/pad").Parameters);
        Assert.StartsWith("32 channels, instance norm, epsilon 1E-05", layers.Single(l => l.Name == "in1").Parameters, StringComparison.Ordinal);
        Assert.Equal("THRESHOLD alpha -255, scale -1", layers.Single(l => l.Name == "clamp/max255_negated").Parameters);
        Assert.Equal("x2x2 NN", layers.Single(l => l.Name == "deconv1/upsample").Parameters);
        Assert.Equal("sum of 2", layers.Single(l => l.Name == "res1/add").Parameters);
    }

    [Fact]
    public void Summary_ListsFlexibilityAndHalfWeights()
    {
        var enumerated = CoreMLModelReader.Summarize(CoreMLExporter.Build(Default, new CoreMLExportOptions { EnumeratedSizes = [new(256, 256), new(512, 384)], Fp16 = true }));
        var range = CoreMLModelReader.Summarize(CoreMLExporter.Build(Default, new CoreMLExportOptions { SizeRange = new(64, 1024) }));

        Assert.Equal("256x256 RGB, enumerated sizes 256x256, 512x384", enumerated.Inputs.Single().Details);
        Assert.Equal(enumerated.Inputs.Single().Details, enumerated.Outputs.Single().Details);
        Assert.Equal(3, enumerated.SpecificationVersion);
        Assert.Equal(enumerated.ParameterCount, enumerated.Float16Parameters);
        Assert.Equal(2 * enumerated.ParameterCount, enumerated.WeightBytes);
        Assert.Equal("64x64 RGB, size range width 64..1024 height 64..1024", range.Inputs.Single().Details);
    }

    [Fact]
    public void ReadFile_AndRead_GiveTheSameModel()
    {
        string path = Path.Combine(Path.GetTempPath(), $"painterly-{Guid.NewGuid():N}.mlmodel");
        try
        {
            CoreMLExporter.Save(path, Default);
            using var stream = File.OpenRead(path);

            Assert.Equal(CoreMLExporter.Build(Default), CoreMLModelReader.ReadFile(path));
            Assert.Equal(CoreMLExporter.Build(Default), CoreMLModelReader.Read(stream));
            Assert.Equal(67, CoreMLModelReader.Inspect(path).Layers.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, byte[]> Garbage()
    {
        var random = new Random(7);
        var noise = new byte[4096];
        random.NextBytes(noise);
        var valid = CoreMLExporter.Export(TestModels.Random(StyleNetUpsample.Nearest));
        return new()
        {
            { "random bytes", noise },
            { "text", "this is not a model, just some text\n"u8.ToArray() },
            { "empty", [] },
            { "truncated model", valid[..(valid.Length / 2)] },
            { "png signature", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] },
            { "no description", new Model { SpecificationVersion = 1 }.ToByteArray() },
            { "no neural network", new Model { SpecificationVersion = 1, Description = new ModelDescription() }.ToByteArray() },
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_IsRejectedWithOneLine(string what, byte[] bytes)
    {
        var e = Assert.Throws<InvalidDataException>(() => CoreMLModelReader.Parse(bytes, "input.mlmodel"));

        Assert.Contains("'input.mlmodel'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(string.IsNullOrWhiteSpace(what));
    }
}
