using Painterly.Core.Models;
using Painterly.Tests.Reference;
using Xunit.Abstractions;

namespace Painterly.CoreML.Tests.Interpreting;

/// <summary>The exported model, run by the interpreter, against an independent StyleNet forward pass.</summary>
public class InterpreterVsReferenceTests(ITestOutputHelper output)
{
    private const int Width = 36;
    private const int Height = 28;

    [Theory]
    [InlineData(StyleNetUpsample.Nearest, false, 11, 0.5)]
    [InlineData(StyleNetUpsample.Transposed, false, 11, 0.5)]
    [InlineData(StyleNetUpsample.Nearest, true, 11, 2.0)]
    [InlineData(StyleNetUpsample.Transposed, true, 11, 2.0)]
    [InlineData(StyleNetUpsample.Nearest, false, 13, 0.5)]
    [InlineData(StyleNetUpsample.Transposed, true, 13, 2.0)]
    public void ExportedModel_MatchesReference(StyleNetUpsample upsample, bool fp16, int minimumIos, double tolerance)
    {
        var model = TestModels.Random(upsample);
        var image = TestModels.Image(Width, Height);
        var bytes = CoreMLExporter.Export(model, new CoreMLExportOptions { Size = new(Width, Height), Fp16 = fp16, MinimumIos = minimumIos });

        var result = new CoreMLInterpreter(bytes).Run(image);
        var expected = ReferenceStyleNet.RunUnclamped(model, image.Data, Width, Height);

        Assert.Equal(Width, result.Width);
        Assert.Equal(Height, result.Height);
        double maxDiff = 0;
        int clamped = 0, total = 0;
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    double reference = expected[c, y, x];
                    clamped += reference is < 0 or > 255 ? 1 : 0;
                    total++;
                    maxDiff = Math.Max(maxDiff, Math.Abs(Math.Clamp(reference, 0, 255) - result.Data[(((c * Height) + y) * Width) + x]));
                }
            }
        }

        output.WriteLine($"{upsample} fp16={fp16} iOS {minimumIos}: max |interpreter - reference| = {maxDiff:G4}");
        Assert.True(maxDiff < tolerance, $"max |interpreter - reference| = {maxDiff}");

        // The comparison means something only if the output is mostly inside 0-255 and varied.
        Assert.True(clamped < total / 10, $"{clamped} of {total} reference values lie outside 0-255");
        Assert.True(result.Data.Max() - result.Data.Min() > 20, "the output is nearly flat");
    }

    [Theory]
    [InlineData(1000f, 11, 255f)]
    [InlineData(-1000f, 11, 0f)]
    [InlineData(1000f, 13, 255f)]
    [InlineData(-1000f, 13, 0f)]
    public void Clamp_BoundsTheOutput(float finalBias, int minimumIos, float expected)
    {
        var model = TestModels.Random(StyleNetUpsample.Nearest, finalBias: finalBias);
        var bytes = CoreMLExporter.Export(model, new CoreMLExportOptions { Size = new(16, 12), MinimumIos = minimumIos });

        var interpreter = new CoreMLInterpreter(bytes);
        var stylized = interpreter.Run(TestModels.Image(16, 12));
        var unclamped = interpreter.RunAll(TestModels.Image(16, 12))["deconv3/conv"];

        Assert.All(stylized.Data, v => Assert.Equal(expected, v));
        Assert.Contains(unclamped.Data, v => Math.Abs(v) > 500);
    }

    [Fact]
    public void ClampChain_PassesValuesInsideTheRange()
    {
        var model = TestModels.Random(StyleNetUpsample.Nearest);
        var interpreter = new CoreMLInterpreter(CoreMLExporter.Export(model, new CoreMLExportOptions { Size = new(16, 12) }));
        var blobs = interpreter.RunAll(TestModels.Image(16, 12));

        var before = blobs["deconv3/conv"].Data;
        var after = blobs[CoreMLExporter.OutputName].Data;
        Assert.Equal(before.Select(v => Math.Clamp(v, 0f, 255f)), after);
    }

    [Fact]
    public void FlexibleModels_RunAtTheSizesTheyList_AndRefuseOthers()
    {
        var model = TestModels.Random(StyleNetUpsample.Nearest);
        var enumerated = new CoreMLInterpreter(CoreMLExporter.Build(model, new CoreMLExportOptions { EnumeratedSizes = [new(16, 12), new(12, 20)] }));
        var range = new CoreMLInterpreter(CoreMLExporter.Build(model, new CoreMLExportOptions { SizeRange = new(8, 24) }));

        Assert.Equal((12, 20), (enumerated.Run(TestModels.Image(12, 20)).Width, enumerated.Run(TestModels.Image(12, 20)).Height));
        Assert.Equal(24, range.Run(TestModels.Image(24, 8)).Width);
        Assert.Throws<ArgumentException>(() => enumerated.Run(TestModels.Image(20, 12)));
        Assert.Throws<ArgumentException>(() => range.Run(TestModels.Image(28, 8)));
    }
}
