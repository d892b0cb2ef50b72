using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Painterly.Core.Tests.PyTorch;

/// <summary>Builds and edits torch.save zip checkpoints in memory.</summary>
internal static class TorchZipBytes
{
    /// <summary>A zip with <c>archive/data.pkl</c> and <c>archive/data/{key}</c> for each storage, stored uncompressed.</summary>
    public static byte[] Build(byte[] pickle, params (string Key, byte[] Bytes)[] storages)
    {
        var entries = new List<(string, byte[])> { ("archive/data.pkl", pickle), ("archive/version", "3\n"u8.ToArray()) };
        entries.AddRange(storages.Select(s => ("archive/data/" + s.Key, s.Bytes)));
        return Zip(entries);
    }

    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries, CompressionLevel compression = CompressionLevel.NoCompression)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, compression).Open();
                stream.Write(bytes);
            }
        }

        return memory.ToArray();
    }

    /// <summary>The entries of <paramref name="zip"/>, in order, after <paramref name="edit"/> (null drops an entry).</summary>
    public static byte[] Rewrite(byte[] zip, Func<string, byte[], byte[]?> edit)
    {
        using var input = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = new List<(string, byte[])>();
        foreach (var entry in input.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var edited = edit(entry.FullName, copy.ToArray());
            if (edited is not null)
            {
                entries.Add((entry.FullName, edited));
            }
        }

        return Zip(entries);
    }

    /// <summary>Overwrites the uncompressed size that the local and central headers of <paramref name="name"/> claim.</summary>
    public static void ClaimUncompressedSize(byte[] zip, string name, long size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        int patched = 0;
        for (int i = 0; i + 46 <= zip.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            (int sizeField, int nameField) = signature switch
            {
                0x04034b50 => (22, 30), // local file header
                0x02014b50 => (24, 46), // central directory header
                _ => (-1, -1),
            };
            if (sizeField >= 0 && zip.AsSpan(i + nameField).StartsWith(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeField), checked((uint)size));
                patched++;
            }
        }

        if (patched != 2)
        {
            throw new InvalidOperationException($"Patched {patched} headers of '{name}', expected 2.");
        }
    }
}
