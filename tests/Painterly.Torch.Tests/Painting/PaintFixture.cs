using Painterly.Core.Images;
using Painterly.Torch.Losses;

namespace Painterly.Torch.Tests.Painting;

/// <summary>The ResNet-18 loss network (loaded once) and tiny synthetic content and style images.</summary>
public sealed class PaintFixture : IDisposable
{
    public PaintFixture()
    {
        Network = ResNet18LossNetwork.Load(ResNet18File.Locate());
        ImageEncoder.Save(TestScene.RenderPlanar(64, 48), ContentPath);
        ImageEncoder.Save(Stripes(64, 64, period: 6, diagonal: true), StylePath);
        ImageEncoder.Save(Stripes(64, 64, period: 10, diagonal: false), SecondStylePath);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("painterly-paint-").FullName;

    public LossNetwork Network { get; }

    public string ContentPath => Path.Combine(Folder, "content.png");

    public string StylePath => Path.Combine(Folder, "style.png");

    public string SecondStylePath => Path.Combine(Folder, "style2.png");

    public void Dispose()
    {
        Network.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Saturated red/blue/yellow stripes: Gram statistics far from the test scene's.</summary>
    private static PlanarImage Stripes(int width, int height, int period, bool diagonal)
    {
        var image = new PlanarImage(width, height);
        float[][] colors = [[230, 30, 30], [30, 60, 220], [240, 220, 40]];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var color = colors[((diagonal ? x + y : x) / period) % colors.Length];
                for (int c = 0; c < 3; c++)
                {
                    image.Channel(c)[(y * width) + x] = color[c];
                }
            }
        }

        return image;
    }
}
