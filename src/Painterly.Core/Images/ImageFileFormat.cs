using SkiaSharp;

namespace Painterly.Core.Images;

/// <summary>The formats <see cref="ImageEncoder"/> writes.</summary>
public enum ImageFileFormat
{
    /// <summary>Lossless PNG.</summary>
    Png,

    /// <summary>Lossy JPEG.</summary>
    Jpeg,

    /// <summary>Lossy WebP.</summary>
    WebP,
}

/// <summary>Maps output file extensions to <see cref="ImageFileFormat"/>.</summary>
public static class ImageFileFormats
{
    /// <summary>The extensions that can be written, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".webp"];

    /// <summary>The format for <paramref name="path"/>'s extension (case-insensitive), or false.</summary>
    public static bool TryFromPath(string path, out ImageFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        format = default;
        switch (Path.GetExtension(path).ToUpperInvariant())
        {
            case ".PNG":
                format = ImageFileFormat.Png;
                return true;
            case ".JPG" or ".JPEG":
                format = ImageFileFormat.Jpeg;
                return true;
            case ".WEBP":
                format = ImageFileFormat.WebP;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The format for <paramref name="path"/>'s extension.</summary>
    /// <exception cref="UnsupportedImageFormatException">The extension is not one of <see cref="Extensions"/>.</exception>
    public static ImageFileFormat FromPath(string path)
    {
        if (TryFromPath(path, out var format))
        {
            return format;
        }

        string extension = Path.GetExtension(path);
        string what = extension.Length == 0 ? "has no extension" : $"has the unsupported extension {extension}";
        throw new UnsupportedImageFormatException(
            $"Cannot write {Path.GetFileName(path)}: it {what}; use {string.Join(", ", Extensions)}.");
    }

    /// <summary>The usual extension for <paramref name="format"/>.</summary>
    public static string Extension(this ImageFileFormat format) => format switch
    {
        ImageFileFormat.Png => ".png",
        ImageFileFormat.Jpeg => ".jpg",
        ImageFileFormat.WebP => ".webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The MIME type for <paramref name="format"/> (for HTTP responses).</summary>
    public static string MimeType(this ImageFileFormat format) => format switch
    {
        ImageFileFormat.Png => "image/png",
        ImageFileFormat.Jpeg => "image/jpeg",
        ImageFileFormat.WebP => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    internal static SKEncodedImageFormat ToSkia(this ImageFileFormat format) => format switch
    {
        ImageFileFormat.Png => SKEncodedImageFormat.Png,
        ImageFileFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        ImageFileFormat.WebP => SKEncodedImageFormat.Webp,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
