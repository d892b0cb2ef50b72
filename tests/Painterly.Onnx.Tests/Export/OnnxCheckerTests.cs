using Painterly.Core.Images;
using Google.Protobuf;
using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx.Tests;

public class OnnxCheckerTests
{
    public static TheoryData<StyleNetUpsample, bool, bool, bool, bool> Variants => new()
    {
        { StyleNetUpsample.Nearest, false, false, false, false },
        { StyleNetUpsample.Transposed, false, false, false, false },
        { StyleNetUpsample.Nearest, true, false, false, false },
        { StyleNetUpsample.Nearest, false, true, false, false },
        { StyleNetUpsample.Nearest, false, false, true, false },
        { StyleNetUpsample.Transposed, false, true, true, true },
    };

    [OnnxCheckerTheory]
    [MemberData(nameof(Variants))]
    public void Export_PassesOnnxFullCheck(StyleNetUpsample upsample, bool fixedSize, bool fp16Weights, bool pixelIO, bool polyphaseOutputConv)
    {
        Assert.True(OnnxChecker.IsAvailable, $"python3-onnx is missing for {OnnxChecker.Python} (apt-get install python3-onnx); CI requires it.");
        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        var options = new OnnxExportOptions
        {
            FixedSize = fixedSize ? new ImageSize(36, 28) : null,
            Fp16Weights = fp16Weights,
            PixelIO = pixelIO,
            PolyphaseOutputConv = polyphaseOutputConv,
            SubpixelUpsample = polyphaseOutputConv,
        };
        OnnxExporter.ExportToFile(RandomStyleModels.Create(RandomStyleModels.Small(upsample)), path, options);

        var (exitCode, output) = OnnxChecker.Check(path);

        Assert.True(exitCode == 0, $"onnx.checker rejected the model: {output}");
    }

    /// <summary>The mobile form (SpaceToDepth, grouped Conv, DepthToSpace), also with uint8 pixels and fp16 weights.</summary>
    [OnnxCheckerTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void MobileExport_PassesOnnxFullCheck(bool pixelIOAndFp16)
    {
        Assert.True(OnnxChecker.IsAvailable, $"python3-onnx is missing for {OnnxChecker.Python} (apt-get install python3-onnx); CI requires it.");
        using var directory = new TempDirectory();
        string path = directory.File("mobile.onnx");
        var model = SeededStyleModel.Create(new StyleNetConfig(16, 2, Form: StyleNetForm.Mobile), 7);
        OnnxExporter.ExportToFile(model, path, new OnnxExportOptions { PixelIO = pixelIOAndFp16, Fp16Weights = pixelIOAndFp16 });

        var (exitCode, output) = OnnxChecker.Check(path);

        Assert.True(exitCode == 0, $"onnx.checker rejected the model: {output}");
    }

    [OnnxCheckerTheory]
    [InlineData("no-such-value")]
    public void TheChecker_RejectsABrokenGraph(string missingInput)
    {
        Assert.True(OnnxChecker.IsAvailable, $"python3-onnx is missing for {OnnxChecker.Python}; CI requires it.");
        using var directory = new TempDirectory();
        string path = directory.File("broken.onnx");
        var model = ModelProto.Parser.ParseFrom(OnnxExporter.Export(RandomStyleModels.Create(RandomStyleModels.Small())));
        model.Graph.Node[0].Input[0] = missingInput;
        File.WriteAllBytes(path, model.ToByteArray());

        var (exitCode, output) = OnnxChecker.Check(path);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(missingInput, output, StringComparison.Ordinal);
    }
}
