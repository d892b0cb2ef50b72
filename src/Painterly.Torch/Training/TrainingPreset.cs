using Painterly.Core.Models;

namespace Painterly.Torch.Training;

/// <summary>Named starting points: network width and depth, crop size and steps.</summary>
/// <param name="Name">quality, balanced or mobile.</param>
/// <param name="Channels">StyleNet width.</param>
/// <param name="ResidualBlocks">StyleNet residual blocks.</param>
/// <param name="ImageSize">Training crop side.</param>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Form">Which network of the family.</param>
public sealed record TrainingPreset(string Name, int Channels, int ResidualBlocks, int ImageSize, int Steps, StyleNetForm Form = StyleNetForm.Classic)
{
    /// <summary>Full width, the pytorch/examples network.</summary>
    public static TrainingPreset Quality { get; } = new("quality", 32, 5, 256, 4000);

    /// <summary>Half width: the default; under an hour on a 2-core CPU.</summary>
    public static TrainingPreset Balanced { get; } = new("balanced", 16, 5, 192, 2000);

    /// <summary>The mobile network (<see cref="MobileStyleNetArchitecture"/>), 48 channels at 1/4 side, 4 blocks: fast in browsers and on phones.</summary>
    public static TrainingPreset Mobile { get; } = new("mobile", StyleNetConfig.Mobile.Channels, StyleNetConfig.Mobile.ResidualBlocks, 192, 2000, StyleNetForm.Mobile);

    /// <summary>All presets.</summary>
    public static IReadOnlyList<TrainingPreset> All { get; } = [Quality, Balanced, Mobile];

    /// <summary>The preset named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static TrainingPreset Get(string name) => All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown preset '{name}'; use {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
}
