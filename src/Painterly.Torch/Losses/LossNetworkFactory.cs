namespace Painterly.Torch.Losses;

/// <summary>Builds a loss network from its command-line spec: <c>resnet18</c>, <c>vgg16:&lt;file&gt;</c> or <c>vgg19:&lt;file&gt;</c>.</summary>
public static class LossNetworkFactory
{
    /// <summary>The default spec.</summary>
    public const string Default = "resnet18";

    /// <summary>Loads the network that <paramref name="spec"/> names.</summary>
    /// <exception cref="ArgumentException">The spec names no known network.</exception>
    public static LossNetwork Create(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Equals(Default, StringComparison.OrdinalIgnoreCase))
        {
            return ResNet18LossNetwork.Load(ResNet18File.Locate());
        }

        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string kind = colon > 0 ? spec[..colon].ToLowerInvariant() : spec.ToLowerInvariant();
        if (kind is "vgg16" or "vgg19")
        {
            return colon > 0 && colon < spec.Length - 1
                ? VggLossNetwork.Load(kind, spec[(colon + 1)..])
                : throw new ArgumentException($"Loss network '{spec}' needs a weights file: {kind}:<torchvision .pth or .safetensors>.", nameof(spec));
        }

        throw new ArgumentException($"Unknown loss network '{spec}'; use resnet18, vgg16:<file> or vgg19:<file>.", nameof(spec));
    }
}
