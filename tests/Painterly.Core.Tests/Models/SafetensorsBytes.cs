using System.Buffers.Binary;
using System.Text;

namespace Painterly.Core.Tests.Models;

/// <summary>Builds safetensors files byte by byte, independently of the writer under test.</summary>
internal static class SafetensorsBytes
{
    public static byte[] Build(string header, byte[] data) => Build((ulong)Encoding.UTF8.GetByteCount(header), Encoding.UTF8.GetBytes(header), data);

    public static byte[] Build(string header, int dataLength) => Build(header, new byte[dataLength]);

    public static byte[] Build(ulong declaredHeaderLength, byte[] header, byte[] data)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declaredHeaderLength);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    public static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "painterly-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
