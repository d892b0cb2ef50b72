using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// BatchnormLayerParams: y = gamma * (x - mean) / sqrt(variance + epsilon) + beta per channel. With computeMeanVar the
/// mean and (population) variance come from the input over H and W (batch 1, so instance and batch statistics
/// agree); otherwise from the stored mean and variance.
/// </summary>
internal static class BatchnormKernel
{
    public static Blob Run(string name, BatchnormLayerParams p, Blob x)
    {
        int channels = Int(p.Channels, name, "channels");
        if (channels != x.Channels)
        {
            throw Invalid(name, $"declares {channels} channels, got a {x.ShapeText} blob.");
        }

        if (p.InstanceNormalization && !p.ComputeMeanVar)
        {
            throw Invalid(name, "instanceNormalization requires computeMeanVar.");
        }

        float[] gamma = Expect(WeightValues.Read(p.Gamma, name, "gamma"), channels, name, "gamma");
        float[] beta = Expect(WeightValues.Read(p.Beta, name, "beta"), channels, name, "beta");
        float[]? mean = p.ComputeMeanVar ? null : Expect(WeightValues.Read(p.Mean, name, "mean"), channels, name, "mean");
        float[]? variance = p.ComputeMeanVar ? null : Expect(WeightValues.Read(p.Variance, name, "variance"), channels, name, "variance");

        var y = x.Like();
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> input = x.Channel(c);
            var (mu, sigma2) = mean is null ? Statistics(input) : (mean[c], variance![c]);
            double scale = gamma[c] / Math.Sqrt(sigma2 + p.Epsilon);
            double shift = beta[c] - (scale * mu);
            var output = y.Channel(c);
            for (int i = 0; i < input.Length; i++)
            {
                output[i] = (float)((scale * input[i]) + shift);
            }
        }

        return y;
    }

    private static (double Mean, double Variance) Statistics(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length;
        double squares = 0;
        foreach (float v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, squares / values.Length);
    }
}
