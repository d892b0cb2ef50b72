using System.Globalization;

namespace Painterly.Core.Models;

/// <summary>
/// An untrained StyleNet with deterministic random weights: the project's default style until a trained model
/// ships, and a reproducible fixture for runtimes. Needs no ML library and gives the same bytes on every platform.
/// </summary>
public static class SeededStyleModel
{
    /// <summary>Seed of <see cref="CreateDefault"/>.</summary>
    public const int DefaultSeed = 1;

    /// <summary>
    /// Factor on the last conv's weights. A PyTorch-initialised deconv3 (fan-in 32 x 81) fed InstanceNorm + ReLU
    /// activations outputs a standard deviation of about 0.35: black once clamped to 0-255. Times 100 gives about
    /// 35 levels per channel (measured on a 128x128 image) with under 0.1% of values clipped: a visible,
    /// colourful pattern.
    /// </summary>
    public const float OutputScale = 100f;

    /// <summary>Bias of every output channel: mid-grey, so the pattern is centred in the 0-255 range.</summary>
    public const float OutputBias = 127.5f;

    /// <summary>The seeded default-config model with <see cref="DefaultSeed"/>.</summary>
    public static StyleModel CreateDefault() => Create(StyleNetConfig.Default, DefaultSeed);

    /// <summary>
    /// Builds a model whose weights follow PyTorch's default initialisation: conv weights kaiming-uniform with
    /// a = sqrt(5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)), biases from the same range, InstanceNorm weight 1 and
    /// bias 0; then the last convolution (deconv3) is scaled by <see cref="OutputScale"/> and its bias set to <see cref="OutputBias"/>.
    /// Values are drawn from xoshiro256** (seeded by SplitMix64 of the seed) in state_dict order.
    /// </summary>
    public static StyleModel Create(StyleNetConfig config, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var random = new Xoshiro256StarStar(unchecked((ulong)seed));
        var weights = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        var stages = StyleNetArchitecture.Stages(config);
        foreach (var stage in stages)
        {
            // PyTorch's fan-in is dim 1 x kernel area for both Conv2d [out, in, k, k] and ConvTranspose2d [in, out, k, k].
            int[] shape = stage.WeightShape;
            double bound = 1.0 / Math.Sqrt((double)shape[1] * shape[2] * shape[3]);
            var weight = Uniform(random, shape, bound);
            var bias = Uniform(random, [stage.OutChannels], bound);
            if (ReferenceEquals(stage, stages[^1]))
            {
                for (int i = 0; i < weight.Data.Length; i++)
                {
                    weight.Data[i] *= OutputScale;
                }

                Array.Fill(bias.Data, OutputBias);
            }

            weights.Add(stage.WeightName, weight);
            weights.Add(stage.BiasName, bias);
            if (stage.Norm is not null)
            {
                weights.Add(stage.Norm + ".weight", Filled(stage.OutChannels, 1f));
                weights.Add(stage.Norm + ".bias", Filled(stage.OutChannels, 0f));
            }
        }

        return new StyleModel(config, weights, Info(config, seed));
    }

    private static FloatTensor Uniform(Xoshiro256StarStar random, int[] shape, double bound)
    {
        var data = new float[FloatTensor.ElementCount(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSymmetric(bound);
        }

        return new FloatTensor(shape, data);
    }

    private static FloatTensor Filled(int length, float value)
    {
        var data = new float[length];
        Array.Fill(data, value);
        return new FloatTensor([length], data);
    }

    private static StyleModelInfo Info(StyleNetConfig config, int seed)
    {
        string s = seed.ToString(CultureInfo.InvariantCulture);
        return new StyleModelInfo
        {
            StyleName = "seeded",
            License = "CC0-1.0",
            Description = $"Untrained StyleNet with deterministic random weights (seed {s}); renders an abstract colourful pattern, not a learned style.",
            Training = $$"""{"trained":false,"seed":{{s}},"init":"pytorch-default","prng":"xoshiro256**+splitmix64","output_scale":{{OutputScale.ToString(CultureInfo.InvariantCulture)}},"output_bias":{{OutputBias.ToString(CultureInfo.InvariantCulture)}},"config":{{config.ToJson()}}}""",
            Steps = 0,
        };
    }
}
