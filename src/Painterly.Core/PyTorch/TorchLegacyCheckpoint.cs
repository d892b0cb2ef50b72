using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Painterly.Core.PyTorch;

/// <summary>
/// Reads the legacy checkpoint format of <c>torch.save</c> (torch &lt; 1.6, or
/// <c>_use_new_zipfile_serialization=False</c>; the published pytorch/examples models use it). The file is a
/// run of pickles followed by raw storages:
/// <list type="number">
/// <item>the magic number 0x1950a86a20f9469cfc6c;</item>
/// <item>the protocol version 1001;</item>
/// <item>sys_info, a dict (<c>little_endian</c>, <c>protocol_version</c>, <c>type_sizes</c>);</item>
/// <item>the object (the state_dict), whose persistent ids name storages;</item>
/// <item>the list of storage keys, in the order their bytes follow;</item>
/// <item>for each key: the element count as a little-endian int64, then that many elements, little-endian.</item>
/// </list>
/// </summary>
internal static class TorchLegacyCheckpoint
{
    /// <summary>Value of the first pickle.</summary>
    public static readonly BigInteger MagicNumber = BigInteger.Parse("01950a86a20f9469cfc6c", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Value of the second pickle.</summary>
    public const long ProtocolVersion = 1001;

    /// <summary>The state_dict's tensors, their storages attached as slices of <paramref name="file"/>.</summary>
    public static IReadOnlyList<(string Name, TorchTensorReference Tensor)> Read(ReadOnlyMemory<byte> file, long maxBytes)
    {
        var reader = new PickleReader(file);
        if (reader.ReadObject() is not BigInteger magic || magic != MagicNumber)
        {
            throw new InvalidDataException("starts with a pickle that is not torch.save's magic number.");
        }

        if (reader.ReadObject() is not ProtocolVersion)
        {
            throw new InvalidDataException($"has a legacy protocol version other than {ProtocolVersion}.");
        }

        if (reader.ReadObject() is not PickleDict systemInfo)
        {
            throw new InvalidDataException("lacks the sys_info dict after the protocol version.");
        }

        if (systemInfo.TryGetValue("little_endian", out var little) && little is false)
        {
            throw new InvalidDataException("was saved on a big-endian machine; only little-endian checkpoints are supported.");
        }

        var storages = new TorchStorageTable(legacy: true, maxBytes);
        object? root = reader.ReadObject(storages.Load);
        if (reader.ReadObject() is not List<object?> keys)
        {
            throw new InvalidDataException("lacks the list of storage keys after the object.");
        }

        LoadStorages(file, checked((int)reader.Position), keys, storages);
        var tensors = TorchStateDict.Find(root);
        var missing = tensors.FirstOrDefault(t => !t.Tensor.Storage.IsLoaded);
        if (missing.Tensor is not null)
        {
            throw new InvalidDataException($"never writes storage '{PickleDisplay.Text(missing.Tensor.Storage.Root.Key)}' of tensor '{PickleDisplay.Text(missing.Name)}'.");
        }

        return tensors;
    }

    private static void LoadStorages(ReadOnlyMemory<byte> file, int position, List<object?> keys, TorchStorageTable storages)
    {
        foreach (var item in keys)
        {
            if (item is not string key || !storages.TryGetRoot(key, out var storage))
            {
                throw new InvalidDataException($"lists storage {(item is string s ? $"'{PickleDisplay.Text(s)}'" : "a " + PickleDisplay.TypeName(item))}, which no tensor uses.");
            }

            if (file.Length - position < sizeof(long))
            {
                throw new InvalidDataException($"ends before the element count of storage '{PickleDisplay.Text(key)}' (truncated).");
            }

            long count = BinaryPrimitives.ReadInt64LittleEndian(file.Span.Slice(position, sizeof(long)));
            position += sizeof(long);
            if (count != storage.ElementCount)
            {
                throw new InvalidDataException($"writes {count} elements for storage '{PickleDisplay.Text(key)}', whose tensors expect {storage.ElementCount}.");
            }

            // ElementCount was bounded when the pickle described it, so ByteLength is small enough to compare.
            if (file.Length - position < storage.ByteLength)
            {
                throw new InvalidDataException(
                    $"ends inside storage '{PickleDisplay.Text(key)}': {storage.ByteLength} bytes needed, {file.Length - position} left (truncated).");
            }

            storage.Load(file.Slice(position, (int)storage.ByteLength));
            position += (int)storage.ByteLength;
        }
    }
}
