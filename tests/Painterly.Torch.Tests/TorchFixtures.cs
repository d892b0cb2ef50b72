namespace Painterly.Torch.Tests;

/// <summary>The fixture files this project reads: its own (Fixtures) and the linked PyTorch and ONNX ones.</summary>
internal static class TorchFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A float32 little-endian file as written by the fixture scripts.</summary>
    public static float[] Floats(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path(name));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * 4);
        return values;
    }
}
