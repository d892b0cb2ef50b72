using System.IO.Compression;

namespace Painterly.Core.PyTorch;

/// <summary>
/// Reads the zip checkpoint format of <c>torch.save</c> (the default since torch 1.6): a zip holding
/// <c>&lt;archive&gt;/data.pkl</c>, whose persistent ids name storages, and each storage's raw little-endian bytes
/// in <c>&lt;archive&gt;/data/&lt;key&gt;</c> (usually stored uncompressed).
/// </summary>
internal static class TorchZipCheckpoint
{
    /// <summary>Largest <c>data.pkl</c> accepted; a state_dict's pickle holds only names and shapes.</summary>
    public const int MaxPickleBytes = 64 << 20;

    private const string PickleName = "data.pkl";

    // Deflate cannot expand data by more than about 1032:1, so an entry claiming more than this many bytes per
    // compressed byte lies about its size (torch stores entries uncompressed: 1:1).
    private const long MaxExpansion = 1032;

    /// <summary>
    /// The state_dict's tensors, their storages loaded (at most <paramref name="maxBytes"/> in all) when
    /// <paramref name="beforeLoading"/>, shown the tensors' names, types and shapes first, returns true. Every
    /// storage's entry is checked either way; a highly compressed one is never inflated for a caller that needs
    /// only the shapes or refuses them.
    /// </summary>
    public static IReadOnlyList<(string Name, TorchTensorReference Tensor)> Read(Stream stream, long maxBytes, Func<IReadOnlyList<(string Name, TorchTensorReference Tensor)>, bool> beforeLoading)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var pickle = FindPickle(zip);
        string archive = pickle.FullName[..^PickleName.Length];
        CheckByteOrder(zip, archive);
        if (pickle.Length > MaxPickleBytes)
        {
            throw new InvalidDataException($"'{PickleDisplay.Text(pickle.FullName)}' is {pickle.Length} bytes, more than the {MaxPickleBytes}-byte limit.");
        }

        var storages = new TorchStorageTable(legacy: false, maxBytes);
        object? root = new PickleReader(ReadEntry(pickle, pickle.Length)).ReadObject(storages.Load);
        var tensors = TorchStateDict.Find(root);

        // Only the storages the state_dict uses are read; an optimizer's buffers next to it are not.
        long total = 0;
        var entries = new List<(TorchStorage Storage, ZipArchiveEntry Entry)>();
        foreach (var storage in tensors.Select(t => t.Tensor.Storage.Root).Distinct())
        {
            string name = archive + "data/" + storage.Key;
            var entry = zip.GetEntry(name)
                ?? throw new InvalidDataException($"lacks '{PickleDisplay.Text(name)}', the bytes of a storage its tensors use.");
            if (entry.Length != storage.ByteLength)
            {
                throw new InvalidDataException(
                    $"'{PickleDisplay.Text(name)}' is {entry.Length} bytes, but its {storage.ElementCount} {storage.DType} elements need {storage.ByteLength} (truncated or corrupt).");
            }

            total += storage.ByteLength;
            if (total > maxBytes)
            {
                throw new InvalidDataException($"its tensors' storages exceed the {maxBytes}-byte limit.");
            }

            entries.Add((storage, entry));
        }

        if (beforeLoading(tensors))
        {
            foreach (var (storage, entry) in entries)
            {
                storage.Load(ReadEntry(entry, storage.ByteLength));
            }
        }

        return tensors;
    }

    private static ZipArchiveEntry FindPickle(ZipArchive zip)
    {
        // torch.save names the archive folder after the file; data.pkl sits directly inside it.
        var pickles = zip.Entries.Where(e => e.FullName.EndsWith("/" + PickleName, StringComparison.Ordinal)
            && e.FullName.IndexOf('/', StringComparison.Ordinal) == e.FullName.Length - PickleName.Length - 1).Take(2).ToList();
        if (pickles.Count == 1)
        {
            return pickles[0];
        }

        if (pickles.Count > 1)
        {
            throw new InvalidDataException("is a zip with more than one '<archive>/data.pkl'.");
        }

        bool torchScript = zip.Entries.Any(e => e.FullName.EndsWith("/constants.pkl", StringComparison.Ordinal));
        throw new InvalidDataException(torchScript
            ? "is a TorchScript archive (torch.jit.save), not a torch.save checkpoint; save the model's state_dict() instead."
            : "is a zip without '<archive>/data.pkl', so not a torch.save checkpoint.");
    }

    private static void CheckByteOrder(ZipArchive zip, string archive)
    {
        // Written by torch >= 2.1; older files are little-endian.
        var entry = zip.GetEntry(archive + "byteorder");
        if (entry is null)
        {
            return;
        }

        var order = entry.Length <= 16 ? System.Text.Encoding.ASCII.GetString(ReadEntry(entry, entry.Length)).Trim() : "?";
        if (order != "little")
        {
            throw new InvalidDataException($"stores its tensors {PickleDisplay.Text(order)}-endian; only little-endian checkpoints are supported.");
        }
    }

    // Reads exactly the expected length, which was checked against the limits; an entry that inflates to more or
    // fewer bytes than its header claims is corrupt. The claim is checked against the compressed size first, so
    // a tiny file cannot make the reader allocate a large buffer for data that is not there.
    private static byte[] ReadEntry(ZipArchiveEntry entry, long length)
    {
        if (length > (entry.CompressedLength * MaxExpansion) + 64)
        {
            throw new InvalidDataException(
                $"'{PickleDisplay.Text(entry.FullName)}' claims {length} bytes, more than its {entry.CompressedLength} compressed bytes can hold.");
        }

        var bytes = new byte[length];
        using var stream = entry.Open();
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{PickleDisplay.Text(entry.FullName)}' ends before its {length} bytes (truncated or corrupt).", e);
        }

        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException($"'{PickleDisplay.Text(entry.FullName)}' holds more than the {length} bytes its header claims.");
        }

        return bytes;
    }
}
