using Painterly.Tests.Reference;
using Painterly.Core.Images;
using Painterly.Core.Models;

namespace Painterly.Onnx.Tests;

public class OnnxStylizerTests
{
    private const int Width = 36;
    private const int Height = 28;

    private static float MaxAbsDiff(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }

    [Theory]
    [InlineData(StyleNetUpsample.Nearest, false)]
    [InlineData(StyleNetUpsample.Transposed, false)]
    [InlineData(StyleNetUpsample.Nearest, true)]
    [InlineData(StyleNetUpsample.Transposed, true)]
    public void Output_MatchesThePlainCSharpReference(StyleNetUpsample upsample, bool fastForms)
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small(upsample));
        var image = RandomStyleModels.Image(Width, Height);
        using var stylizer = new OnnxStylizer(model, new OnnxStylizerOptions { Export = new OnnxExportOptions { PolyphaseOutputConv = fastForms, SubpixelUpsample = fastForms } });

        var actual = stylizer.Stylize(image, Width, Height);
        var expected = ReferenceStyleNet.Run(model, image, Width, Height);

        Assert.InRange(MaxAbsDiff(expected, actual), 0f, 0.05f);
        // The comparison only means something if the image is neither flat nor all clipped.
        Assert.InRange(expected.Count(v => v is > 0 and < 255), expected.Length / 2, expected.Length);
    }

    [Fact]
    public void SessionPerSize_MatchesTheSymbolicSession_AcrossSizes()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        using var symbolic = new OnnxStylizer(model);
        using var perSize = new OnnxStylizer(model, new OnnxStylizerOptions { SessionPerSize = true, IntraOpThreads = 1 });

        foreach (var (width, height) in new[] { (Width, Height), (16, 24), (Width, Height) })
        {
            var image = RandomStyleModels.Image(width, height, seed: width);
            Assert.InRange(MaxAbsDiff(symbolic.Stylize(image, width, height), perSize.Stylize(image, width, height)), 0f, 1e-3f);
        }
    }

    [Fact]
    public void FromFile_MatchesTheInMemoryExport()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var image = RandomStyleModels.Image(Width, Height);
        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        OnnxExporter.ExportToFile(model, path);
        using var fromModel = new OnnxStylizer(model, new OnnxStylizerOptions { Export = OnnxExportOptions.Default });
        using var fromFile = OnnxStylizer.FromFile(path);

        Assert.Equal(fromModel.Stylize(image, Width, Height), fromFile.Stylize(image, Width, Height));
    }

    [Fact]
    public void Stylize_IntoAReusedBuffer_WritesTheSameResult()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        var image = RandomStyleModels.Image(Width, Height);
        using var stylizer = new OnnxStylizer(model);
        var output = new float[image.Length];
        Array.Fill(output, float.NaN);

        stylizer.Stylize(image, Width, Height, output);

        Assert.Equal(stylizer.Stylize(image, Width, Height), output);
    }

    [Theory]
    [InlineData(34, 28)]
    [InlineData(36, 30)]
    [InlineData(4, 8)]
    public void Stylize_SidesNotMultiplesOf4_Throw(int width, int height)
    {
        using var stylizer = new OnnxStylizer(RandomStyleModels.Create(RandomStyleModels.Small()));

        var e = Assert.Throws<ArgumentException>(() => stylizer.Stylize(new float[3 * width * height], width, height));
        Assert.Contains("multiples of 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stylize_WrongBufferLength_Throws()
    {
        using var stylizer = new OnnxStylizer(RandomStyleModels.Create(RandomStyleModels.Small()));

        Assert.Throws<ArgumentException>(() => stylizer.Stylize(new float[3 * Width * Height - 1], Width, Height));
    }

    [Fact]
    public void FixedSizeModel_RejectsOtherSizes()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());
        using var stylizer = OnnxStylizer.FromBytes(OnnxExporter.Export(model, new OnnxExportOptions { FixedSize = new ImageSize(Width, Height) }));

        Assert.Equal(3 * Width * Height, stylizer.Stylize(RandomStyleModels.Image(Width, Height), Width, Height).Length);
        Assert.Throws<ArgumentException>(() => stylizer.Stylize(RandomStyleModels.Image(16, 16), 16, 16));
    }

    [Fact]
    public void PixelIOModel_IsRefusedWithAClearError()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small());

        var e = Assert.Throws<InvalidDataException>(() => OnnxStylizer.FromBytes(OnnxExporter.Export(model, new OnnxExportOptions { PixelIO = true })));
        Assert.Contains("float32 [1, 3, H, W]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stylize_AfterDispose_Throws()
    {
        var stylizer = new OnnxStylizer(RandomStyleModels.Create(RandomStyleModels.Small()));
        stylizer.Dispose();
        stylizer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stylizer.Stylize(RandomStyleModels.Image(Width, Height), Width, Height));
    }

    [Fact]
    public void Precision_auto_runs_int8_only_where_the_model_carries_a_calibration_for_its_weights()
    {
        var plain = RandomStyleModels.Create(RandomStyleModels.Small());
        var calibrated = OnnxInt8Planner.Plan(plain, 0).StoreIn(plain);
        var image = RandomStyleModels.Image(Width, Height);

        using var auto = new OnnxStylizer(calibrated);
        using var exact = new OnnxStylizer(calibrated, new OnnxStylizerOptions { Precision = OnnxPrecision.FullPrecision });
        using var uncalibrated = new OnnxStylizer(plain);

        Assert.Equal(2, auto.Int8Calibration?.Convs.Count);
        Assert.Null(exact.Int8Calibration);
        Assert.Null(uncalibrated.Int8Calibration);
        // Float32 matches the reference; int8 is close to it but not equal.
        var expected = ReferenceStyleNet.Run(plain, image, Width, Height);
        Assert.InRange(MaxAbsDiff(exact.Stylize(image, Width, Height), expected), 0f, 0.5f);
        Assert.InRange(MaxAbsDiff(auto.Stylize(image, Width, Height), expected), 0.5f, 255f);
    }

    [Fact]
    public void Precision_quantized_plans_a_model_without_a_calibration()
    {
        var model = RandomStyleModels.Create(RandomStyleModels.Small() with { ResidualBlocks = 4 });
        using var stylizer = new OnnxStylizer(model, new OnnxStylizerOptions { Precision = OnnxPrecision.Quantized });

        Assert.NotNull(stylizer.Int8Calibration);
        Assert.InRange(stylizer.Int8Calibration.PsnrDb, OnnxInt8Planner.DefaultMinPsnrDb, double.PositiveInfinity);
    }
}
