using Painterly.Core.Models;

namespace Painterly.Torch.Tests.Losses;

/// <summary>
/// The hashed VGG weights and input of tools/python/make_torch_network_fixtures.py, bit for bit: VGG's 7.6 M
/// weights are too large to commit, so both sides compute them and only PyTorch's taps are stored.
/// </summary>
internal static class VggFixtureWeights
{
    /// <summary>Input side lengths of the fixture image.</summary>
    public const int Width = 16;

    /// <inheritdoc cref="Width"/>
    public const int Height = 12;

    /// <summary><paramref name="count"/> values in [-1, 1): the script's <c>hashed_uniform</c>.</summary>
    public static float[] Uniform(int count, ulong salt)
    {
        const ulong mask = 0xFFFFFFFF;
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            ulong h = (((ulong)k * 2654435761UL) + (salt * 40503UL)) & mask;
            h ^= h >> 16;
            h = (h * 0x45D9F3BUL) & mask;
            h ^= h >> 16;
            values[k] = (float)((h / 2147483648.0) - 1.0);
        }

        return values;
    }

    /// <summary>RGB 0-255, [1, 3, 12, 16]: the script's <c>hashed_input</c>.</summary>
    public static float[] Input() => [.. Uniform(3 * Height * Width, 1000).Select(v => (v + 1f) * 127.5f)];

    /// <summary>Writes the first four stages of torchvision's <c>features</c> convolutions of <paramref name="kind"/>, hashed.</summary>
    public static void Write(string path, string kind)
    {
        // torchvision's layout: each conv is followed by a ReLU, each stage but the first starts with a max-pool.
        int[] convsPerStage = kind == "vgg19" ? [2, 2, 4, 4] : [2, 2, 3, 3];
        int[] widths = [64, 128, 256, 512];
        var tensors = new List<(string, FloatTensor)>();
        int index = 0, conv = 0, inChannels = 3;
        for (int stage = 0; stage < 4; stage++)
        {
            index += stage > 0 ? 1 : 0;
            for (int c = 0; c < convsPerStage[stage]; c++, conv++, index += 2)
            {
                int outChannels = widths[stage], fanIn = inChannels * 9;
                float scale = (float)(1.4 * Math.Sqrt(3.0 / fanIn));
                float[] weight = [.. Uniform(outChannels * fanIn, (ulong)(2 * conv)).Select(v => v * scale)];
                float[] bias = [.. Uniform(outChannels, (ulong)((2 * conv) + 1)).Select(v => v * 0.05f)];
                tensors.Add(($"features.{index}.weight", new FloatTensor([outChannels, inChannels, 3, 3], weight)));
                tensors.Add(($"features.{index}.bias", new FloatTensor([outChannels], bias)));
                inChannels = outChannels;
            }
        }

        SafetensorsWriter.Write(path, null, tensors);
    }
}
