using Painterly.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Networks;

/// <summary>
/// A network of the StyleNet family as a TorchSharp module: RGB float 0-255 in and out, NCHW, the output not
/// clamped. Its state_dict keys are the parameter names of <see cref="StyleNetArchitecture.Parameters"/>.
/// </summary>
public abstract class StyleNetModule : Module<Tensor, Tensor>
{
    /// <summary>Validates and keeps <paramref name="config"/>.</summary>
    protected StyleNetModule(string name, StyleNetConfig config)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
    }

    /// <summary>The settings this network was built with.</summary>
    public StyleNetConfig Config { get; }

    /// <summary>The module of <paramref name="config"/>'s form, with PyTorch's default initialisation.</summary>
    public static StyleNetModule Create(StyleNetConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Form == StyleNetForm.Mobile ? new MobileStyleNet(config) : new StyleNet(config);
    }

    /// <summary>InstanceNorm2d with learned affine parameters and no running statistics, as pytorch/examples.</summary>
    internal static InstanceNorm2d InstanceNorm(long channels) =>
        InstanceNorm2d(channels, eps: StyleNetArchitecture.InstanceNormEpsilon, affine: true);
}
