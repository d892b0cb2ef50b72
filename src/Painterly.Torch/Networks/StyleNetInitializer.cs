using Painterly.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Painterly.Torch.Networks;

/// <summary>
/// PyTorch's default convolution initialisation (uniform in ±1/sqrt(fan_in) for weights and biases; instance norms
/// stay at scale 1, shift 0), drawn from a generator of its own. The modules' own initialisation draws from the
/// process-wide generator, which any other torch work in the process (a parallel test, a second trainer) advances:
/// a seed would then not fix the start of a run.
/// </summary>
internal static class StyleNetInitializer
{
    /// <summary>Overwrites every convolution's weight and bias of <paramref name="net"/>, seeded by <paramref name="seed"/>.</summary>
    public static void Apply(StyleNetModule net, ulong seed)
    {
        using var generator = new Generator(seed);
        using var noGrad = no_grad();
        foreach (var module in net.modules())
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                ConvTranspose2d deconv => (deconv.weight, deconv.bias),
                _ => (null, null),
            };
            if (weight is null)
            {
                continue;
            }

            // PyTorch takes fan_in from dimension 1 for both kinds (for a transposed conv that is its output channels).
            double bound = 1.0 / Math.Sqrt(weight.shape[1] * weight.shape[2] * weight.shape[3]);
            Fill(weight, bound, generator);
            if (bias is not null)
            {
                Fill(bias, bound, generator);
            }
        }

        if (net.Config.Form == StyleNetForm.Mobile)
        {
            // The mobile output conv has no norm after it: its bias starts at black, and Adam (steps of ~lr) would
            // take thousands of steps to lift it to mid-grey, where pictures are.
            var last = StyleNetArchitecture.Stages(net.Config)[^1];
            net.named_parameters().Single(p => p.name == last.BiasName).parameter.fill_(SeededStyleModel.OutputBias);
        }
    }

    private static void Fill(Tensor parameter, double bound, Generator generator)
    {
        using var draw = rand(parameter.shape, dtype: parameter.dtype, device: parameter.device, generator: generator);
        parameter.copy_(draw.mul_(2 * bound).sub_(bound));
    }
}
