using System.Buffers.Binary;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

/// <summary>Images built in code, byte by byte where SkiaSharp cannot write the format.</summary>
internal static class TestImages
{
    public static SKBitmap Bitmap(int width, int height, Func<int, int, SKColor> color, SKAlphaType alpha = SKAlphaType.Opaque)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, alpha));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, color(x, y));
            }
        }

        return bitmap;
    }

    /// <summary>Deterministic pseudo-random colours: exercises every byte value of a round trip.</summary>
    public static SKBitmap Noise(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        return Bitmap(width, height, (_, _) => new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A PNG whose header says width x height, with an empty compressed stream: no real pixels.</summary>
    public static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WritePngChunk(png, "IHDR", ihdr);
        WritePngChunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WritePngChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A 2x2 GIF89a with two frames: red/blue/blue/red, then all green.</summary>
    public static byte[] TwoFrameGif()
    {
        var gif = new List<byte>();
        gif.AddRange("GIF89a"u8.ToArray());
        gif.AddRange([2, 0, 2, 0, 0x81, 0, 0]); // 2x2, global colour table of 4 entries
        gif.AddRange([255, 0, 0, 0, 0, 255, 0, 255, 0, 255, 255, 255]); // red, blue, green, white
        AddGifFrame(gif, [0, 1, 1, 0]);
        AddGifFrame(gif, [2, 2, 2, 2]);
        gif.Add(0x3B);
        return [.. gif];
    }

    /// <summary>An uncompressed 24-bit bottom-up BMP.</summary>
    public static byte[] Bmp(int width, int height, Func<int, int, SKColor> color)
    {
        int rowSize = ((width * 3) + 3) & ~3, dataSize = rowSize * height;
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write((byte)'B');
        w.Write((byte)'M');
        w.Write(54 + dataSize);
        w.Write(0);
        w.Write(54);
        w.Write(40);
        w.Write(width);
        w.Write(height);
        w.Write((short)1);
        w.Write((short)24);
        w.Write(0);
        w.Write(dataSize);
        w.Write(2835);
        w.Write(2835);
        w.Write(0);
        w.Write(0);
        for (int y = height - 1; y >= 0; y--)
        {
            for (int x = 0; x < width; x++)
            {
                var c = color(x, y);
                w.Write([c.Blue, c.Green, c.Red]);
            }

            w.Write(new byte[rowSize - (width * 3)]);
        }

        w.Flush();
        return stream.ToArray();
    }

    /// <summary><paramref name="jpeg"/> with an EXIF APP1 segment carrying only the Orientation tag.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        // Big-endian TIFF header, IFD0 at offset 8 with one entry: 0x0112 Orientation, SHORT, count 1.
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        int length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];

        // After SOI, and after a JFIF APP0 if the encoder wrote one.
        int at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + ((jpeg[4] << 8) | jpeg[5]);
        }

        return [.. jpeg.AsSpan(0, at), .. segment, .. jpeg.AsSpan(at)];
    }

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WritePngChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    private static void AddGifFrame(List<byte> gif, byte[] indices)
    {
        gif.AddRange([0x21, 0xF9, 4, 0, 10, 0, 0, 0]); // graphic control: 0.1 s, no transparency
        gif.AddRange([0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0]); // image descriptor: whole 2x2 canvas
        gif.Add(2); // LZW minimum code size
        byte[] data = GifLzw(indices);
        gif.Add((byte)data.Length);
        gif.AddRange(data);
        gif.Add(0);
    }

    /// <summary>LZW that sends a clear code before each pixel, so the code table never grows and every code is 3 bits.</summary>
    private static byte[] GifLzw(byte[] indices)
    {
        const int Clear = 4, End = 5;
        var codes = new List<int>();
        foreach (byte index in indices)
        {
            codes.Add(Clear);
            codes.Add(index);
        }

        codes.Add(End);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (int code in codes)
        {
            buffer |= code << bits;
            bits += 3;
            while (bits >= 8)
            {
                bytes.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            bytes.Add((byte)buffer);
        }

        return [.. bytes];
    }
}

/// <summary>A read-only stream that cannot seek, like a network upload.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public bool IsDisposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            IsDisposed = true;
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A fresh empty directory, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "painterly-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
