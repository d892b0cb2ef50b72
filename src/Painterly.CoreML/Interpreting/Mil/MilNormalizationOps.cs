using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Interpreting.Mil;

/// <summary>
/// MIL <c>instance_norm</c> (statistics over H and W per channel; gamma 1, beta 0, epsilon 1e-5 when absent) and
/// <c>batch_norm</c> (stored mean and variance), run by the batchnorm kernel.
/// </summary>
internal static class MilNormalizationOps
{
    public static Blob Run(MilOpInputs inputs, bool instance)
    {
        var x = inputs.X;
        float[] Vector(string parameter, float fallback) =>
            inputs.Optional(parameter)?.Floats ?? (instance || parameter is "gamma" or "beta" ? [.. Enumerable.Repeat(fallback, x.Channels)] : throw new InvalidDataException($"MIL op '{inputs.Label}' lacks '{parameter}'."));

        var p = new BatchnormLayerParams
        {
            Channels = (ulong)x.Channels,
            ComputeMeanVar = instance,
            InstanceNormalization = instance,
            Epsilon = inputs.Scalar("epsilon", 1e-5f),
            Gamma = Floats(Vector("gamma", 1f)),
            Beta = Floats(Vector("beta", 0f)),
        };
        if (!instance)
        {
            p.Mean = Floats(Vector("mean", 0f));
            p.Variance = Floats(Vector("variance", 1f));
        }

        return BatchnormKernel.Run(inputs.Label, p, x);
    }

    private static WeightParams Floats(float[] values)
    {
        var weights = new WeightParams();
        weights.FloatValue.AddRange(values);
        return weights;
    }
}
