using Painterly.Core.Models;

namespace Painterly.Web.Tests.Infrastructure;

/// <summary>Small style folders for the tests: a channels-8 network is fast enough for WASM on two cores.</summary>
internal static class TestModels
{
    private static readonly Lazy<string> SmallFolder = new(() => CreateFolder(("mobile", new StyleNetConfig(8, 2))));

    /// <summary>A folder with <c>mobile.safetensors</c> (8 channels, 2 residual blocks); the catalog adds <c>seeded</c>.</summary>
    public static string Small => SmallFolder.Value;

    /// <summary>A folder holding one seeded model per (name, config).</summary>
    public static string CreateFolder(params (string Name, StyleNetConfig Config)[] models)
    {
        string folder = Path.Combine(Path.GetTempPath(), "painterly-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, config) in models)
        {
            StyleModelFile.Save(Path.Combine(folder, name + ".safetensors"), SeededStyleModel.Create(config, 1));
        }

        return folder;
    }

    /// <summary>A Painterly model file's bytes.</summary>
    public static byte[] SafetensorsBytes(StyleNetConfig config)
    {
        using var stream = new MemoryStream();
        StyleModelFile.Save(stream, SeededStyleModel.Create(config, 2));
        return stream.ToArray();
    }
}
