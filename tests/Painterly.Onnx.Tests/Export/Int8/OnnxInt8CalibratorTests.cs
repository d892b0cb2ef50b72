namespace Painterly.Onnx.Tests;

public class OnnxInt8CalibratorTests
{
    [Fact]
    public void Percentile_range_clips_rare_outliers_but_never_the_bulk()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => i / 100_000f).ToArray();
        values[17] = 1000f;
        values[99] = -500f;

        var clipped = OnnxInt8Calibrator.Range(values, 99.99);
        var full = OnnxInt8Calibrator.Range(values, 100);

        Assert.Equal(new OnnxValueRange(-500f, 1000f), full);
        Assert.InRange(clipped.Min, -1f, 0f);
        Assert.InRange(clipped.Max, 1f, 2f);
    }

    [Fact]
    public void A_constant_tensor_keeps_its_value()
    {
        Assert.Equal(new OnnxValueRange(3f, 3f), OnnxInt8Calibrator.Range(Enumerable.Repeat(3f, 50_000).ToArray(), 99.99));
    }
}
