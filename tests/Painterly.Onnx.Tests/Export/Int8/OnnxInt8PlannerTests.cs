using Painterly.Core.Images;
using Painterly.Core.Models;

namespace Painterly.Onnx.Tests;

public class OnnxInt8PlannerTests
{
    private static readonly StyleModel Model = RandomStyleModels.Create(RandomStyleModels.Small() with { ResidualBlocks = 4 });

    [Fact]
    public void Candidates_are_the_residual_convs_deepest_first_but_the_first_two_blocks_then_the_upsampling_convs()
    {
        Assert.Equal(["res4.conv2", "res4.conv1", "res3.conv2", "res3.conv1", "deconv2", "deconv1"], OnnxInt8Planner.Candidates(Model.Config));
    }

    [Theory]
    [InlineData(0, 6)]
    [InlineData(1000, 0)]
    public void The_floor_bounds_how_many_stages_go_int8(double floor, int expected)
    {
        Assert.Equal(expected, OnnxInt8Planner.Plan(Model, floor).Convs.Count);
    }

    [Fact]
    public void A_plan_keeps_its_floor_on_every_calibration_picture_and_takes_the_least_sensitive_stages()
    {
        var candidates = OnnxInt8Planner.Candidates(Model.Config);
        var everything = OnnxInt8Planner.Plan(Model, 0);
        // Halfway between all-int8 and float32: the plan must stop partway, which is what this test is about.
        double floor = everything.PsnrDb + 3;

        var plan = OnnxInt8Planner.Plan(Model, floor);
        using var fp32 = new OnnxStylizer(Model, new OnnxStylizerOptions { Precision = OnnxPrecision.FullPrecision });
        using var int8 = new OnnxStylizer(Model, new OnnxStylizerOptions { Export = OnnxStylizerOptions.Default.Export with { Quantization = plan } });
        double psnr = OnnxInt8Planner.CalibrationPictures()
            .Min(p => OnnxInt8Planner.Psnr(fp32.Stylize(p.Data, p.Width, p.Height), int8.Stylize(p.Data, p.Width, p.Height)));

        Assert.InRange(plan.Convs.Count, 1, candidates.Count - 1);
        Assert.Equal(candidates.Take(plan.Convs.Count), plan.Convs.Keys);
        Assert.True(psnr >= floor, $"{psnr:F2} dB is below the {floor:F2} dB floor");
        Assert.Equal(psnr, plan.PsnrDb, 6);
    }

    [Fact]
    public void Psnr_is_infinite_for_equal_images_and_48_dB_for_a_one_level_error()
    {
        float[] a = [0, 100, 255, 7];
        Assert.Equal(double.PositiveInfinity, OnnxInt8Planner.Psnr(a, a));
        Assert.Equal(48.13, OnnxInt8Planner.Psnr(a, a.Select(v => v + 1 > 255 ? 254 : v + 1).ToArray()), 2);
    }
}
