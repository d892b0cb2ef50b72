using Painterly.Torch.Training;

namespace Painterly.Torch.Tests.Training;

public sealed class PhotoDatasetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("painterly-photos-").FullName;

    [Fact]
    public void ABrokenPhotoIsCountedOnceHoweverOftenItIsDrawn()
    {
        StyleTrainerTests.WritePhoto(Path.Combine(folder, "good.png"), 1, 40, 36);
        File.WriteAllText(Path.Combine(folder, "broken.jpg"), "not a jpeg");
        var dataset = new PhotoDataset(folder, 32, 3);

        for (int step = 0; step < 10; step++)
        {
            dataset.LoadBatch(step, 2);
        }

        Assert.Equal(1, dataset.Failures);
    }

    [Fact]
    public void AFolderOfCorruptPhotosIsRefusedUpFrontNamingTheFolder()
    {
        File.WriteAllText(Path.Combine(folder, "a.jpg"), "not a jpeg");
        File.WriteAllBytes(Path.Combine(folder, "b.png"), [0x89, (byte)'P', (byte)'N', (byte)'G']);
        var dataset = new PhotoDataset(folder, 32, 3);

        var error = Assert.Throws<InvalidDataException>(() => dataset.RequireOneReadable(folder));

        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, dataset.Failures);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
