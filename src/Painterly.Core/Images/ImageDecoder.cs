using SkiaSharp;

namespace Painterly.Core.Images;

/// <summary>
/// Decodes JPEG, PNG, WebP, BMP and GIF (first frame) into an upright, opaque RGBA8888 sRGB bitmap:
/// the EXIF orientation is applied and transparent pixels are composited over white.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The formats the decoder reads, for messages.</summary>
    public const string SupportedFormats = "JPEG, PNG, WebP, BMP or GIF";

    // Untagged images are taken as sRGB; tagged ones (Display P3 phone photos) are converted to it.
    private static readonly SKColorSpace Srgb = SKColorSpace.CreateSrgb();

    /// <summary>Decodes the image file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidImageException">The file is not a decodable image.</exception>
    /// <exception cref="ImageTooLargeException">The header declares more than <see cref="ImageDecodeOptions.MaxPixels"/>.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SKBitmap Decode(string path, ImageDecodeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Decode(stream, Path.GetFileName(path), options);
    }

    /// <summary>Decodes an encoded image held in memory (an upload, say).</summary>
    /// <param name="bytes">The encoded file.</param>
    /// <param name="name">What to call the image in error messages, e.g. the uploaded file name.</param>
    /// <param name="options">Limits; <see cref="ImageDecodeOptions.Default"/> when null.</param>
    /// <exception cref="InvalidImageException">The bytes are not a decodable image.</exception>
    /// <exception cref="ImageTooLargeException">The header declares more than <see cref="ImageDecodeOptions.MaxPixels"/>.</exception>
    public static SKBitmap Decode(byte[] bytes, string name = "image", ImageDecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return Decode(stream, name, options);
    }

    /// <summary>Decodes an encoded image read from <paramref name="stream"/>, which is left open.</summary>
    /// <param name="stream">The encoded file; need not be seekable.</param>
    /// <param name="name">What to call the image in error messages, e.g. the file name.</param>
    /// <param name="options">Limits; <see cref="ImageDecodeOptions.Default"/> when null.</param>
    /// <exception cref="InvalidImageException">The data is not a decodable image.</exception>
    /// <exception cref="ImageTooLargeException">The header declares more than <see cref="ImageDecodeOptions.MaxPixels"/>.</exception>
    public static SKBitmap Decode(Stream stream, string name = "image", ImageDecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        options ??= ImageDecodeOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPixels, 1);

        if (stream.CanSeek && stream.Length - stream.Position == 0)
        {
            throw new InvalidImageException($"{name} cannot be read: the file is empty; use a complete {SupportedFormats} file.");
        }

        // SKCodec.Create(Stream) would dispose the caller's stream; these wrappers leave it open. The codec
        // owns the wrapper (native code deletes it, even when no codec is made), so it is not disposed here.
        SKStream wrapper = stream.CanSeek
            ? new SKManagedStream(stream, disposeManagedStream: false)
            : new SKFrontBufferedManagedStream(stream, SKCodec.MinBufferedBytesNeeded, disposeUnderlyingStream: false);
        using var codec = SKCodec.Create(wrapper, out var created);
        if (codec is null)
        {
            throw Invalid(name, created == SKCodecResult.IncompleteInput ? SKCodecResult.IncompleteInput : SKCodecResult.Unimplemented);
        }

        return Decode(codec, name, options);
    }

    /// <summary>Decodes the file at <paramref name="path"/> straight to planar floats.</summary>
    /// <inheritdoc cref="Decode(string, ImageDecodeOptions?)"/>
    public static PlanarImage DecodePlanar(string path, ImageDecodeOptions? options = null)
    {
        using var bitmap = Decode(path, options);
        return bitmap.ToPlanar();
    }

    private static SKBitmap Decode(SKCodec codec, string name, ImageDecodeOptions options)
    {
        // The header alone gives the size: refuse before a single pixel buffer exists.
        var header = codec.Info;
        if (header.Width < 1 || header.Height < 1)
        {
            throw Invalid(name, SKCodecResult.InvalidInput);
        }

        if ((long)header.Width * header.Height > options.MaxPixels)
        {
            bool swapped = ExifOrientation.SwapsSides(codec.EncodedOrigin);
            throw new ImageTooLargeException(
                name, swapped ? header.Height : header.Width, swapped ? header.Width : header.Height, options.MaxPixels);
        }

        bool opaque = header.AlphaType == SKAlphaType.Opaque;
        var decodeInfo = new SKImageInfo(
            header.Width, header.Height, SKColorType.Rgba8888, opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, Srgb);

        // The bitmap is declared opaque; with alpha, the codec writes premultiplied values into it and
        // FlattenOverWhite makes them opaque, so the declaration holds by the time anyone sees it.
        var bitmap = new SKBitmap();
        try
        {
            if (!bitmap.TryAllocPixels(new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888, SKAlphaType.Opaque)))
            {
                throw new InsufficientMemoryException($"Not enough memory to decode {name} ({header.Width}x{header.Height}).");
            }

            if (!opaque)
            {
                // A GIF frame smaller than the canvas leaves pixels untouched: make them transparent (then white).
                bitmap.GetPixelSpan().Clear();
            }

            var result = codec.GetPixels(decodeInfo, bitmap.GetPixels(), bitmap.RowBytes, new SKCodecOptions(0));
            if (result != SKCodecResult.Success)
            {
                throw Invalid(name, result);
            }

            if (!opaque)
            {
                AlphaFlattening.PremultipliedOverWhite(bitmap.GetPixelSpan());
            }

            if (codec.EncodedOrigin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
            {
                return bitmap;
            }

            var upright = ExifOrientation.Apply(bitmap, codec.EncodedOrigin);
            bitmap.Dispose();
            return upright;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }

    private static InvalidImageException Invalid(string name, SKCodecResult result)
    {
        string reason = result switch
        {
            SKCodecResult.Unimplemented => "not a recognised image format",
            // Skia reports a checksum error inside the data (a PNG chunk's CRC) as incomplete input too.
            SKCodecResult.IncompleteInput => "the file is truncated or its data is corrupt",
            SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "the image data is corrupt",
            _ => $"the decoder failed ({result})",
        };
        return new InvalidImageException($"{name} cannot be read: {reason}; use a complete {SupportedFormats} file.");
    }
}
