using Painterly.Core.Models;

namespace Painterly.Onnx.Tests;

/// <summary>Deterministic random-weight StyleNets whose output spans 0..255 (with some clipping), so comparisons mean something.</summary>
internal static class RandomStyleModels
{
    public static StyleNetConfig Small(StyleNetUpsample upsample = StyleNetUpsample.Nearest) => new(Channels: 8, ResidualBlocks: 2, Upsample: upsample);

    public static StyleModel Create(StyleNetConfig config, int seed = 1, StyleModelInfo? info = null)
    {
        var random = new Random(seed);
        var weights = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        foreach (var stage in StyleNetArchitecture.Stages(config))
        {
            int fanIn = stage.InChannels * stage.Kernel * stage.Kernel;
            float bound = 1f / MathF.Sqrt(fanIn);
            // The last conv has no norm after it: scale it so the image lands around mid-grey with a wide spread.
            bool last = stage.Norm is null;
            float gain = last ? 200f : 1f;
            weights[stage.WeightName] = Uniform(random, stage.WeightShape, -bound * gain, bound * gain);
            weights[stage.BiasName] = Uniform(random, [stage.OutChannels], last ? 100f : -bound, last ? 156f : bound);
            if (stage.Norm is not null)
            {
                weights[stage.Norm + ".weight"] = Uniform(random, [stage.OutChannels], 0.8f, 1.2f);
                weights[stage.Norm + ".bias"] = Uniform(random, [stage.OutChannels], -0.2f, 0.2f);
            }
        }

        return new StyleModel(config, weights, info);
    }

    /// <summary>A random planar RGB image with values in 0..255.</summary>
    public static float[] Image(int width, int height, int seed = 7)
    {
        var random = new Random(seed);
        var chw = new float[3 * width * height];
        for (int i = 0; i < chw.Length; i++)
        {
            chw[i] = (float)(random.NextDouble() * 255);
        }

        return chw;
    }

    private static FloatTensor Uniform(Random random, int[] shape, float min, float max)
    {
        var data = new float[FloatTensor.ElementCount(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = min + (float)random.NextDouble() * (max - min);
        }

        return new FloatTensor(shape, data);
    }
}
