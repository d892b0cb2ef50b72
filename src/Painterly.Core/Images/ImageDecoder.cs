using System.Buffers;
using System.Runtime.InteropServices;
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

    // Most bytes read from a stream that cannot seek (it is copied into memory first).
    private const int MaxStreamBytes = 1 << 30;

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

        // Skia reads the stream through callbacks from native code, which SafeStream answers without throwing; it
        // needs to seek for that, so a stream that cannot is copied into memory first.
        using var copy = stream.CanSeek ? null : CopyToMemory(stream, name);
        var source = copy ?? stream;
        if (source.Length - source.Position == 0)
        {
            throw new InvalidImageException($"{name} cannot be read: the file is empty; use a complete {SupportedFormats} file.");
        }

        // SKCodec.Create(Stream) would dispose the caller's stream; this wrapper leaves it open. The codec
        // owns the wrapper (native code deletes it, even when no codec is made), so it is not disposed here.
        using var codec = SKCodec.Create(new SafeStream(source), out var created);
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

    private static MemoryStream CopyToMemory(Stream stream, string name)
    {
        var copy = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (copy.Length + n > MaxStreamBytes)
                {
                    throw new InvalidImageException($"{name} cannot be read: it is over {MaxStreamBytes} bytes; use a smaller {SupportedFormats} file.");
                }

                copy.Write(chunk, 0, n);
            }

            copy.Position = 0;
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
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

    /// <summary>
    /// A seekable stream as Skia's decoders read it. They call back from native code, where an exception cannot be
    /// caught and ends the process, and ask for sizes taken from the file: SKManagedStream throws for a request over
    /// 2 GB (a BMP whose pixel offset is 0xFDFF0036 crashed the process; found by fuzzing) and rents a buffer of the
    /// size asked even to skip. Here every request is cut to the bytes left, a skip only moves the position, and a
    /// failure reads as "nothing read", which the decoder reports as truncated input.
    /// </summary>
    private sealed class SafeStream : SKManagedStream
    {
        private const int ChunkBytes = 1 << 16;

        private readonly Stream source;

        public SafeStream(Stream source)
            : base(source, disposeManagedStream: false)
        {
            this.source = source;
        }

        protected override IntPtr OnRead(IntPtr buffer, IntPtr size) => Read(buffer, size, peek: false);

        protected override IntPtr OnPeek(IntPtr buffer, IntPtr size) => Read(buffer, size, peek: true);

        protected override bool OnSeek(IntPtr position) => MoveTo((long)position < 0 ? long.MaxValue : (long)position);

        protected override bool OnMove(int offset) => Guard(() => MoveTo(source.Position + offset), false);

        protected override bool OnRewind() => MoveTo(0);

        protected override IntPtr OnDuplicate() => Guard(base.OnDuplicate, IntPtr.Zero);

        protected override IntPtr OnFork() => Guard(base.OnFork, IntPtr.Zero);

        private static T Guard<T>(Func<T> call, T failed)
        {
            try
            {
                return call();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or ArgumentException or UnauthorizedAccessException or InvalidOperationException)
            {
                return failed;
            }
        }

        private bool MoveTo(long position) => Guard(
            () =>
            {
                source.Position = Math.Clamp(position, 0, source.Length);
                return true;
            },
            false);

        private IntPtr Read(IntPtr buffer, IntPtr size, bool peek) => Guard(
            () =>
            {
                long start = source.Position;
                long count = (long)Math.Min((ulong)(nuint)size, (ulong)Math.Max(0, source.Length - start));
                if (buffer == IntPtr.Zero)
                {
                    // A skip: move on, never allocating by the size asked.
                    source.Position = peek ? start : start + count;
                    return new IntPtr(count);
                }

                byte[] chunk = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, ChunkBytes));
                try
                {
                    long done = 0;
                    int n;
                    while (done < count && (n = source.Read(chunk, 0, (int)Math.Min(chunk.Length, count - done))) > 0)
                    {
                        Marshal.Copy(chunk, 0, buffer + (nint)done, n);
                        done += n;
                    }

                    if (peek)
                    {
                        source.Position = start;
                    }

                    return new IntPtr(done);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                }
            },
            IntPtr.Zero);
    }
}
