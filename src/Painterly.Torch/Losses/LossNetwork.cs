using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Losses;

/// <summary>
/// A frozen ImageNet network whose activations define the content and style losses. Input: RGB float 0-255,
/// NCHW; each network applies its own preprocessing. Output: one tensor per tap, in <see cref="TapNames"/> order.
/// </summary>
public abstract class LossNetwork : Module<Tensor, Tensor[]>
{
    /// <summary>Creates the module under <paramref name="name"/>.</summary>
    protected LossNetwork(string name)
        : base(name)
    {
    }

    /// <summary>The loss network's spec, e.g. <c>resnet18</c> or <c>vgg16</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Names of the tapped activations, in output order.</summary>
    public abstract IReadOnlyList<string> TapNames { get; }

    /// <summary>Index into the taps of the content tap.</summary>
    public int ContentTap { get; set; }

    /// <summary>Indices into the taps used for the style loss.</summary>
    public IReadOnlyList<int> StyleTaps { get; set; } = [];

    /// <summary>Loss weights that gave good results with this network.</summary>
    public abstract LossWeights DefaultWeights { get; }

    /// <summary>Input sides must be multiples of this.</summary>
    public abstract int SizeMultiple { get; }

    /// <summary>Random shift (pixels, 0..N) applied to images before this network by default; hides stride grain.</summary>
    public abstract int DefaultJitter { get; }

    /// <summary>Sets the content tap by name.</summary>
    /// <exception cref="ArgumentException">No tap has that name.</exception>
    public void SetContentTap(string name)
    {
        int index = TapNames.ToList().IndexOf(name);
        ContentTap = index >= 0
            ? index
            : throw new ArgumentException($"Unknown content tap '{name}' for {Kind}; use one of {string.Join(", ", TapNames)}.", nameof(name));
    }

    /// <summary>Freezes every parameter and switches to evaluation mode.</summary>
    protected void Freeze()
    {
        foreach (var parameter in parameters())
        {
            parameter.requires_grad_(false);
        }

        eval();
    }
}
