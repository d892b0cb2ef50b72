namespace Painterly.Cli.Tests.Commands;

/// <summary>Stylizing, exporting and inspecting must never load TorchSharp (libtorch is ~600 MB).</summary>
public class TorchIsolationTests
{
    [Fact]
    public void StylizeExportAndInspectDoNotLoadTorchSharp()
    {
        using var temp = new TempFolder();
        string onnx = temp.File("seeded.onnx");
        var runs = new[]
        {
            IsolatedApp.Run("stylize", "--scene-size", "32", "-o", temp.File("scene.png")),
            IsolatedApp.Run("export", "seeded", "--format", "onnx", "-o", onnx),
            IsolatedApp.Run("inspect", onnx),
            IsolatedApp.Run("export", "seeded", "--format", "mlpackage", "--size", "32x32", "--verify", "-o", temp.File("seeded.mlpackage")),
            IsolatedApp.Run("inspect", temp.File("seeded.mlpackage")),
        };
        foreach (var (exitCode, assemblies) in runs)
        {
            Assert.Equal(0, exitCode);
            Assert.Contains("Painterly.Core", assemblies);
            Assert.DoesNotContain("TorchSharp", assemblies);
            Assert.DoesNotContain("Painterly.Torch", assemblies);
        }
    }

    [Fact]
    public void TheTorchRuntimeDoesLoadItSoTheCheckAboveCanFail()
    {
        using var temp = new TempFolder();
        var (exitCode, assemblies) = IsolatedApp.Run("stylize", "--runtime", "torch", "--scene-size", "16", "-o", temp.File("scene.png"));
        // A run that failed after loading TorchSharp would prove nothing about the command that works.
        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(temp.File("scene.png")));
        Assert.Contains("TorchSharp", assemblies);
    }
}
