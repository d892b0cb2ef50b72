namespace Painterly.Cli.Tests.Commands;

/// <summary>Bad training settings are usage errors (exit 2) in one line, found before anything is written.</summary>
public class TrainUsageTests
{
    [Theory]
    [InlineData("--channels", "0", "--steps", "1")]
    [InlineData("--channels", "7", "--steps", "1", "--image-size", "32")]
    [InlineData("--image-size", "33", "--steps", "1")]
    [InlineData("--steps", "2", "--epochs", "1")]
    public void BadSettingExitsTwo(params string[] settings)
    {
        using var temp = new TempFolder();
        string style = temp.File("style.png");
        string photos = temp.File("photos");
        Directory.CreateDirectory(photos);
        using (var bitmap = Painterly.Core.Tests.Images.TestImages.Noise(40, 40))
        {
            File.WriteAllBytes(style, Painterly.Core.Tests.Images.TestImages.Encode(bitmap, SkiaSharp.SKEncodedImageFormat.Png));
        }

        File.Copy(style, Path.Combine(photos, "p.png"));
        string run = temp.File("run");

        var result = CliRunner.Run(["train", "--style", style, "--data", photos, "-o", run, .. settings]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void ResumeAloneIsEnoughButRefusesAFolderWithoutCheckpoints()
    {
        using var temp = new TempFolder();
        var options = new Painterly.Torch.Training.TrainingOptions { StyleImage = temp.File("s.png"), DataFolder = temp.Path, RunFolder = temp.Path };
        File.WriteAllText(temp.File("config.json"), options.ToJson());

        var result = CliRunner.Run("train", "--resume", temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no checkpoint", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(["config.json"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}

/// <summary>A data folder where no photo decodes fails in one line, before the run folder is made.</summary>
public class TrainCorruptDataTests
{
    [Fact]
    public void CorruptPhotosFailInOneLineAndLeaveNothingBehind()
    {
        using var temp = new TempFolder();
        string photos = temp.File("photos");
        Directory.CreateDirectory(photos);
        for (int i = 0; i < 3; i++)
        {
            File.WriteAllText(Path.Combine(photos, $"p{i}.jpg"), "not a jpeg");
        }

        string style = temp.File("style.png");
        using (var bitmap = Painterly.Core.Tests.Images.TestImages.Noise(40, 40))
        {
            File.WriteAllBytes(style, Painterly.Core.Tests.Images.TestImages.Encode(bitmap, SkiaSharp.SKEncodedImageFormat.Png));
        }

        string run = temp.File("run");
        var result = CliRunner.Run("train", "--style", style, "--data", photos, "-o", run, "--steps", "2", "--image-size", "32", "--batch-size", "1");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("photos", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ChannelClosed", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
