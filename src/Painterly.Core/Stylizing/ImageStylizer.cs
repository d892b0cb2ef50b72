using Painterly.Core.Images;

namespace Painterly.Core.Stylizing;

/// <summary>
/// Stylizes whole images of any size with an <see cref="IStyleEngine"/>: reflect-pads to the multiple of 4
/// the network needs and crops back, so the output has exactly the input's size.
/// </summary>
public sealed class ImageStylizer(IStyleEngine engine)
{
    /// <summary>The side multiple a StyleNet needs (two stride-2 convolutions).</summary>
    public const int SideMultiple = 4;

    /// <summary>The runtime doing the work.</summary>
    public IStyleEngine Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>Returns the stylized image, the same size as <paramref name="image"/>.</summary>
    public PlanarImage Stylize(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var padded = ReflectPadding.PadToMultiple(image, SideMultiple);
        var output = new PlanarImage(padded.Width, padded.Height, Engine.Stylize(padded.Data, padded.Width, padded.Height));
        return ReflectPadding.Crop(output, image.Width, image.Height);
    }
}
