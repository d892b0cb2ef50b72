using Painterly.Core.Images;
using Painterly.Core.Models;

namespace Painterly.CoreML.Tests;

/// <summary>Small random StyleNets and images for the tests.</summary>
internal static class TestModels
{
    public static readonly StyleModelInfo Info = new()
    {
        StyleName = "test-style",
        StyleImageTitle = "The Test Painting",
        StyleImageArtist = "A. Painter",
        License = "CC0-1.0",
        Description = "A random StyleNet for tests.",
        Training = """{"steps":0}""",
        Steps = 0,
    };

    /// <summary>
    /// A quarter-width StyleNet (8 channels, 2 residual blocks) with seeded conv weights and random instance-norm
    /// gamma and beta (so swapping them, or ignoring them, shows).
    /// </summary>
    public static StyleModel Random(StyleNetUpsample upsample, int seed = 3, float? finalBias = null, int channels = 8, int residualBlocks = 2) =>
        Random(new StyleNetConfig(channels, residualBlocks, upsample), seed, finalBias);

    /// <summary>A small mobile StyleNet (16 channels at 1/4 side, 2 blocks), random as <see cref="Random(StyleNetUpsample, int, float?, int, int)"/>.</summary>
    public static StyleModel Mobile(int seed = 3) => Random(new StyleNetConfig(16, 2, Form: StyleNetForm.Mobile), seed, null);

    private static StyleModel Random(StyleNetConfig config, int seed, float? finalBias)
    {
        var seeded = SeededStyleModel.Create(config, seed);
        var random = new Random(seed);
        var weights = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in seeded.Weights)
        {
            var data = (float[])tensor.Data.Clone();
            if (name.StartsWith("in", StringComparison.Ordinal) || name.Contains(".in", StringComparison.Ordinal))
            {
                bool gamma = name.EndsWith(".weight", StringComparison.Ordinal);
                for (int i = 0; i < data.Length; i++)
                {
                    data[i] = gamma ? 0.5f + random.NextSingle() : random.NextSingle() - 0.5f;
                }
            }

            if (finalBias is { } bias && name == "deconv3.conv2d.bias")
            {
                Array.Fill(data, bias);
            }

            weights[name] = new FloatTensor(tensor.Shape, data);
        }

        return new StyleModel(config, weights, Info);
    }

    public static PlanarImage Image(int width, int height, int seed = 5)
    {
        var random = new Random(seed);
        var image = new PlanarImage(width, height);
        for (int i = 0; i < image.Data.Length; i++)
        {
            image.Data[i] = random.Next(256);
        }

        return image;
    }
}
