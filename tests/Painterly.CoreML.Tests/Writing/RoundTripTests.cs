using Painterly.Core.Models;

namespace Painterly.CoreML.Tests.Writing;

public class RoundTripTests
{
    public static TheoryData<string> Options => ["default", "fp16", "enumerated", "range", "ios13", "transposed"];

    [Theory]
    [MemberData(nameof(Options))]
    public void WriterReaderWriter_IsByteIdentical(string option)
    {
        var (model, options) = Case(option);
        var bytes = CoreMLExporter.Export(model, options);

        var read = CoreMLModelReader.Parse(bytes);

        Assert.Equal(bytes, Google.Protobuf.MessageExtensions.ToByteArray(read));
        Assert.Equal(CoreMLExporter.Build(model, options), read);
    }

    [Fact]
    public void Export_IsDeterministic()
    {
        var model = TestModels.Random(StyleNetUpsample.Nearest);

        Assert.Equal(CoreMLExporter.Export(model), CoreMLExporter.Export(model));
    }

    internal static (StyleModel Model, CoreMLExportOptions Options) Case(string option) => option switch
    {
        "default" => (TestModels.Random(StyleNetUpsample.Nearest), new CoreMLExportOptions()),
        "fp16" => (TestModels.Random(StyleNetUpsample.Nearest), new CoreMLExportOptions { Fp16 = true }),
        "enumerated" => (TestModels.Random(StyleNetUpsample.Nearest), new CoreMLExportOptions { EnumeratedSizes = [new(256, 256), new(512, 512)] }),
        "range" => (TestModels.Random(StyleNetUpsample.Nearest), new CoreMLExportOptions { SizeRange = new(64, 2048) }),
        "ios13" => (TestModels.Random(StyleNetUpsample.Nearest), new CoreMLExportOptions { MinimumIos = 13 }),
        "transposed" => (TestModels.Random(StyleNetUpsample.Transposed), new CoreMLExportOptions { Size = new(640, 480) }),
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };
}
