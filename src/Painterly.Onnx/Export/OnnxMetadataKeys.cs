namespace Painterly.Onnx;

/// <summary>The <c>metadata_props</c> keys an exported model carries (each only when the value is known).</summary>
public static class OnnxMetadataKeys
{
    /// <summary>Short style name.</summary>
    public const string StyleName = "style_name";

    /// <summary>Title of the style image.</summary>
    public const string StyleImageTitle = "style_image_title";

    /// <summary>Artist of the style image.</summary>
    public const string StyleImageArtist = "style_image_artist";

    /// <summary>Licence of the weights.</summary>
    public const string License = "license";

    /// <summary>Human description.</summary>
    public const string Description = "description";

    /// <summary>Training settings JSON.</summary>
    public const string Training = "training";

    /// <summary>Training steps completed.</summary>
    public const string Steps = "steps";

    /// <summary>Creation time (ISO 8601).</summary>
    public const string Created = "created";

    /// <summary>The StyleNet config JSON (<see cref="Core.Models.StyleNetConfig.ToJson"/>).</summary>
    public const string StyleNetConfig = "stylenet_config";

    /// <summary>Version of Painterly that wrote the file.</summary>
    public const string PainterlyVersion = "painterly_version";
}
