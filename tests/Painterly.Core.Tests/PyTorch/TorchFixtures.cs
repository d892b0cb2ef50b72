using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Painterly.Core.Models;

namespace Painterly.Core.Tests.PyTorch;

/// <summary>
/// The checkpoints in PyTorch/Fixtures (written by tools/python/make_pytorch_fixtures.py with torch) and what
/// expected.json says each holds: names in order, dtype, shape and the SHA-256 of the values' bytes.
/// </summary>
internal static class TorchFixtures
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<Dictionary<string, ExpectedTensor[]>> Expected = new(() =>
        JsonSerializer.Deserialize<Dictionary<string, ExpectedTensor[]>>(File.ReadAllText(Path("expected.json")), JsonOptions)!);

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "PyTorch", "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    public static IReadOnlyList<ExpectedTensor> ExpectedTensors(string fixture) => Expected.Value[fixture];

    /// <summary>
    /// SHA-256 of <paramref name="tensor"/>'s values as the script hashed them: in the stored dtype for F32, F16 and
    /// BF16 (the float32 values came from those exactly, so converting back is exact), as float32 otherwise.
    /// </summary>
    public static string Hash(FloatTensor tensor, string dtype)
    {
        var data = tensor.Data;
        byte[] bytes;
        switch (dtype)
        {
            case "F16":
                bytes = new byte[data.Length * 2];
                for (int i = 0; i < data.Length; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)data[i]);
                }

                break;
            case "BF16":
                bytes = new byte[data.Length * 2];
                for (int i = 0; i < data.Length; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)(BitConverter.SingleToUInt32Bits(data[i]) >> 16));
                }

                break;
            default:
                bytes = new byte[data.Length * 4];
                for (int i = 0; i < data.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), data[i]);
                }

                break;
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    internal sealed record ExpectedTensor(string Name, string DType, int[] Shape, string Sha256);
}
