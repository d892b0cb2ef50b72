using System.Collections.Concurrent;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Styles;
using Painterly.Core.Stylizing;
using Painterly.Onnx;

namespace Painterly.Web.Styles;

/// <summary>
/// The built-in styles and what is derived from them, each computed once on first use and kept:
/// the model, the pixel-IO ONNX export, the thumbnail and the server-side engine.
/// </summary>
public sealed class StyleStore : IDisposable
{
    /// <summary>What a mobile form's name adds to its style's name.</summary>
    public const string MobileSuffix = "-mobile";

    private readonly StyleCatalog catalog;
    private readonly int thumbnailSide;
    private readonly ConcurrentDictionary<string, Lazy<StyleModel>> models = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> pixelModels = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> thumbnails = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<OnnxStylizer>> engines = new(StringComparer.OrdinalIgnoreCase);
    private int thumbnailRenders;

    /// <summary>Reads the style list of <paramref name="options"/>' models folder.</summary>
    public StyleStore(PainterlyWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        catalog = options.ModelsFolder is null ? StyleCatalog.Default : new StyleCatalog(options.ModelsFolder);
        thumbnailSide = options.ThumbnailSide;
    }

    /// <summary>Every built-in style, the default first.</summary>
    public IReadOnlyList<BuiltInStyle> Styles => catalog.Styles;

    /// <summary>The style with this id, or null for an unknown or malformed (path-like) id.</summary>
    public BuiltInStyle? Find(string? id) => StyleId.IsWellFormed(id) ? catalog.Find(id!) : null;

    /// <summary>The mobile form of <paramref name="style"/> (the built-in style named <c>&lt;name&gt;-mobile</c>), or null.</summary>
    public BuiltInStyle? MobileForm(BuiltInStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        return catalog.Find(style.Name + MobileSuffix);
    }

    /// <summary>The style <paramref name="style"/> is the mobile form of, or null when it is not one.</summary>
    public BuiltInStyle? MobileFormOf(BuiltInStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        return style.Name.EndsWith(MobileSuffix, StringComparison.OrdinalIgnoreCase) ? catalog.Find(style.Name[..^MobileSuffix.Length]) : null;
    }

    /// <summary>The style's network.</summary>
    public StyleModel Model(BuiltInStyle style) =>
        Cached(models, style, () => StyleCatalog.Load(style));

    /// <summary>The style as ONNX with uint8 RGBA pixels in and out (what a canvas holds), symbolic size.</summary>
    public byte[] PixelModel(BuiltInStyle style) =>
        Cached(pixelModels, style, () => OnnxExporter.Export(Model(style), new OnnxExportOptions { PixelIO = true }));

    /// <summary>A PNG of the test scene in this style.</summary>
    public byte[] Thumbnail(BuiltInStyle style) =>
        Cached(thumbnails, style, () =>
        {
            Interlocked.Increment(ref thumbnailRenders);
            var scene = TestScene.RenderPlanar(thumbnailSide, thumbnailSide);
            using var bitmap = new ImageStylizer(Engine(style)).Stylize(scene).ToBitmap();
            return ImageEncoder.Encode(bitmap, ImageFileFormat.Png);
        });

    /// <summary>How many thumbnails were rendered (not served from the cache): the cache test counts them.</summary>
    internal int ThumbnailRenders => Volatile.Read(ref thumbnailRenders);

    /// <summary>The server-side engine of the style (thread-safe, shared by all requests).</summary>
    public OnnxStylizer Engine(BuiltInStyle style) =>
        Cached(engines, style, () => new OnnxStylizer(Model(style)));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var engine in engines.Values.Where(e => e.IsValueCreated))
        {
            engine.Value.Dispose();
        }
    }

    // Lazy with ExecutionAndPublication: concurrent first requests build the value once.
    private static T Cached<T>(ConcurrentDictionary<string, Lazy<T>> cache, BuiltInStyle style, Func<T> create) =>
        cache.GetOrAdd(style.Name, _ => new Lazy<T>(create, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
