using System.Globalization;

namespace Painterly.Core.Images;

/// <summary>An image's header declares more pixels than <see cref="ImageDecodeOptions.MaxPixels"/> allows.</summary>
public sealed class ImageTooLargeException : ImageException
{
    /// <summary>Creates the exception.</summary>
    public ImageTooLargeException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public ImageTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public ImageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Describes an image of <paramref name="width"/> x <paramref name="height"/> over <paramref name="maxPixels"/>.</summary>
    public ImageTooLargeException(string name, int width, int height, long maxPixels)
        : base($"{name} is {width}x{height} ({Megapixels((long)width * height)} MP), above the {Megapixels(maxPixels)} MP limit; " +
               "pass --max-pixels to raise it.")
    {
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }

    /// <summary>Width the header declares.</summary>
    public int Width { get; }

    /// <summary>Height the header declares.</summary>
    public int Height { get; }

    /// <summary>The limit in force.</summary>
    public long MaxPixels { get; }

    private static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.##", CultureInfo.InvariantCulture);
}
