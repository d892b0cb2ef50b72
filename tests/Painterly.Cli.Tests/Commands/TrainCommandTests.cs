using Painterly.Core.Images;

namespace Painterly.Cli.Tests.Commands;

public class TrainCommandTests
{
    [Fact]
    public void TrainsOnTinyDataAndWritesTheRunFolder()
    {
        using var temp = new TempFolder();
        string data = temp.File("photos");
        for (int i = 0; i < 3; i++)
        {
            Save(TestScene.RenderPlanar(40 + (8 * i), 40), Path.Combine(data, $"p{i}.png"));
        }

        string style = temp.File("my_style.png");
        Save(TestScene.RenderPlanar(48, 64), style);
        string run = temp.File("run");
        var result = CliRunner.Run("train", "--style", style, "--data", data, "-o", run, "--preset", "mobile", "--steps", "4",
            "--batch-size", "2", "--image-size", "32", "--style-size", "64", "--sample-every", "2", "--checkpoint-every", "2");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("step 4/4", result.Output, StringComparison.Ordinal);
        foreach (string file in new[] { "config.json", "log.csv", "loss.png", "model.safetensors", "samples/step-000002.jpg", "checkpoints/step-000004.safetensors" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        // The final model carries its int8 calibration, so stylizing it runs the int8 form at once.
        Assert.NotNull(Painterly.Onnx.OnnxInt8Calibration.ReadFrom(Painterly.Core.Models.StyleModelFile.Load(Path.Combine(run, "model.safetensors"))));

        var evaluate = CliRunner.Run("evaluate", Path.Combine(run, "model.safetensors"), "--images", data, "--style", style, "--size", "64", "--json");
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Contains("\"Style\":", evaluate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputIsOneLine()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("empty"));
        Save(TestScene.RenderPlanar(32, 32), temp.File("s.png"));
        var missingStyle = CliRunner.Run("train", "--style", temp.File("nope.jpg"), "--data", temp.File("empty"));
        Assert.Equal(1, missingStyle.ExitCode);
        Assert.Single(missingStyle.ErrorLines);
        Assert.Contains("style image", missingStyle.Error, StringComparison.Ordinal);

        var empty = CliRunner.Run("train", "--style", temp.File("s.png"), "--data", temp.File("empty"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("holds no", empty.Error, StringComparison.Ordinal);

        var unknown = CliRunner.Run("train", "--style", temp.File("s.png"), "--data", temp.Path, "--loss-network", "alexnet", "--steps", "1", "-o", temp.File("r"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Single(unknown.ErrorLines);
        Assert.Contains("Unknown loss network", unknown.Error, StringComparison.Ordinal);
    }

    private static void Save(PlanarImage image, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageEncoder.Save(image, path);
    }
}
