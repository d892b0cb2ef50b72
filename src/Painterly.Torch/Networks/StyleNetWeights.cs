using Painterly.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Painterly.Torch.Networks;

/// <summary>Moves weights between a <see cref="StyleModel"/> (runtime-free) and a TorchSharp <see cref="StyleNetModule"/>.</summary>
public static class StyleNetWeights
{
    /// <summary>Builds the network of <paramref name="model"/>'s form holding its weights, on the CPU.</summary>
    public static StyleNetModule ToModule(StyleModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var net = StyleNetModule.Create(model.Config);
        Load(net, model);
        return net;
    }

    /// <summary>Copies every weight of <paramref name="model"/> into <paramref name="net"/> (names must match exactly).</summary>
    public static void Load(StyleNetModule net, StyleModel model)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(model);
        var state = net.state_dict();
        if (state.Count != model.Weights.Count)
        {
            throw new InvalidDataException($"The network has {state.Count} tensors, the model file {model.Weights.Count}.");
        }

        using var noGrad = no_grad();
        foreach (var (name, target) in state)
        {
            if (!model.Weights.TryGetValue(name, out var source))
            {
                throw new InvalidDataException($"The model file lacks '{name}'.");
            }

            using var value = tensor(source.Data, [.. source.Shape.Select(d => (long)d)]);
            target.copy_(value);
        }
    }

    /// <summary>Reads <paramref name="net"/>'s weights into a runtime-free <see cref="StyleModel"/>.</summary>
    public static StyleModel ToStyleModel(StyleNetModule net, StyleModelInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        var weights = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        foreach (var (name, value) in net.state_dict())
        {
            using var cpu = value.detach().cpu().contiguous();
            weights[name] = new FloatTensor([.. cpu.shape.Select(d => checked((int)d))], cpu.data<float>().ToArray());
        }

        return new StyleModel(net.Config, weights, info);
    }
}
