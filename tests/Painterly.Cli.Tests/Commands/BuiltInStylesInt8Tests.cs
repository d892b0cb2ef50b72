using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Styles;
using Painterly.Onnx;

namespace Painterly.Cli.Tests.Commands;

/// <summary>
/// The README's int8 promise for the styles that ship: each model file carries a calibration, `stylize` uses it by
/// default (its first line says so, its pixels differ from fp32's) and the output stays within 44 dB PSNR of fp32
/// on the test scene and its darker, brighter and flatter copies.
/// </summary>
public class BuiltInStylesInt8Tests
{
    /// <summary>The promise in the README; deliberately not the planner's constant, which a change could lower.</summary>
    private const double PromisedPsnrDb = 44;

    /// <summary>The trained styles in models/ (the generated <c>seeded</c> placeholder has no model file to carry one).</summary>
    public static TheoryData<string> TrainedStyles()
    {
        var data = new TheoryData<string>();
        foreach (var style in StyleCatalog.Default.Styles.Where(s => s.Path is not null))
        {
            data.Add(style.Name);
        }

        return data;
    }

    [Fact]
    public void At_least_the_default_style_ships_with_a_model_file()
    {
        Assert.Contains(StyleCatalog.Default.Styles, s => s.Name == StyleCatalog.PreferredDefault && s.Path is not null);
    }

    [Theory]
    [MemberData(nameof(TrainedStyles))]
    public void Carries_a_calibration_that_keeps_44_dB_of_fp32_on_the_test_scenes(string name)
    {
        var model = StyleCatalog.Load(StyleCatalog.Default.Find(name)!);
        var calibration = OnnxInt8Calibration.ReadFrom(model);
        Assert.NotNull(calibration);
        Assert.NotEmpty(calibration.Convs);

        using var fp32 = new OnnxStylizer(model, new OnnxStylizerOptions { Precision = OnnxPrecision.FullPrecision });
        using var auto = new OnnxStylizer(model, new OnnxStylizerOptions());
        Assert.Equal(calibration.Convs.Keys.Order(), auto.Int8Calibration?.Convs.Keys.Order());

        foreach (var (scene, what) in Scenes(256))
        {
            var expected = fp32.Stylize(scene.Data, scene.Width, scene.Height);
            var actual = auto.Stylize(scene.Data, scene.Width, scene.Height);
            double psnr = OnnxInt8Planner.Psnr(expected, actual);
            Assert.True(psnr >= PromisedPsnrDb, $"{name}, {what} scene: int8 is {psnr:F2} dB from fp32, below the promised {PromisedPsnrDb} dB");
            Assert.True(psnr < 200, $"{name}, {what} scene: int8 gave fp32's output exactly, so it did not run");
        }
    }

    [Theory]
    [MemberData(nameof(TrainedStyles))]
    public void Stylize_runs_it_in_int8_by_default_and_says_so_on_its_first_line(string name)
    {
        using var temp = new TempFolder();
        int stages = OnnxInt8Calibration.ReadFrom(StyleCatalog.Load(StyleCatalog.Default.Find(name)!))!.Convs.Count;

        var auto = CliRunner.Run("stylize", "--style", name, "--scene-size", "128", "-o", temp.File("auto.png"));
        var int8 = CliRunner.Run("stylize", "--style", name, "--scene-size", "128", "--precision", "int8", "-o", temp.File("int8.png"));
        var fp32 = CliRunner.Run("stylize", "--style", name, "--scene-size", "128", "--precision", "fp32", "-o", temp.File("fp32.png"));

        Assert.Equal((0, 0, 0), (auto.ExitCode, int8.ExitCode, fp32.ExitCode));
        Assert.Matches($@"int8 in {stages} of \d+ convolution stages", FirstLine(auto.Output));
        Assert.DoesNotContain("int8", FirstLine(fp32.Output), StringComparison.Ordinal);
        using var autoImage = ImageDecoder.Decode(temp.File("auto.png"));
        using var int8Image = ImageDecoder.Decode(temp.File("int8.png"));
        using var fp32Image = ImageDecoder.Decode(temp.File("fp32.png"));
        // The default's pixels are the stored calibration's int8 pixels, not the exact network's.
        Assert.Equal(int8Image.Bytes, autoImage.Bytes);
        Assert.NotEqual(fp32Image.Bytes, autoImage.Bytes);
    }

    private static string FirstLine(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];

    /// <summary>The test scene and the darker, brighter and flatter copies the README names.</summary>
    private static IEnumerable<(PlanarImage Scene, string What)> Scenes(int side)
    {
        var scene = TestScene.RenderPlanar(side, side);
        PlanarImage Mapped(Func<float, float> map) => new(side, side, [.. scene.Data.Select(map)]);
        yield return (scene, "plain");
        yield return (Mapped(v => v * 0.25f), "darker");
        yield return (Mapped(v => 255f - ((255f - v) * 0.25f)), "brighter");
        yield return (Mapped(v => 128f + ((v - 128f) * 0.2f)), "flatter");
    }
}
