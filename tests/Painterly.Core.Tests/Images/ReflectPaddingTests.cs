using Painterly.Core.Images;

namespace Painterly.Core.Tests.Images;

public class ReflectPaddingTests
{
    [Fact]
    public void Row_is_mirrored_without_repeating_the_edge()
    {
        var row = Image(3, 1, [1, 2, 3]);

        var padded = ReflectPadding.Pad(row, 2, 0);

        Assert.Equal([1f, 2f, 3f, 2f, 1f], padded.Channel(0).ToArray());
    }

    [Fact]
    public void Matches_pytorch_reflection_pad_on_right_and_bottom()
    {
        // torch.nn.ReflectionPad2d((0, 2, 0, 2))(torch.arange(1., 10.).view(1, 1, 3, 3))
        var image = Image(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var padded = ReflectPadding.Pad(image, 2, 2);

        float[] expected =
        [
            1, 2, 3, 2, 1,
            4, 5, 6, 5, 4,
            7, 8, 9, 8, 7,
            4, 5, 6, 5, 4,
            1, 2, 3, 2, 1,
        ];
        Assert.Equal(expected, padded.Channel(0).ToArray());
        Assert.Equal(expected.Select(v => v + 100), padded.Channel(1).ToArray());
        Assert.Equal(expected.Select(v => v + 200), padded.Channel(2).ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 5)]
    [InlineData(5, 3)]
    [InlineData(7, 9)]
    [InlineData(8, 8)]
    [InlineData(13, 1)]
    public void Pad_to_multiple_then_crop_restores_the_original(int width, int height)
    {
        var image = new PlanarImage(width, height);
        for (int i = 0; i < image.Data.Length; i++)
        {
            image.Data[i] = (i * 37) % 255;
        }

        var padded = ReflectPadding.PadToMultiple(image, 4);
        var cropped = ReflectPadding.Crop(padded, width, height);

        Assert.Equal(0, padded.Width % 4);
        Assert.Equal(0, padded.Height % 4);
        Assert.True(padded.Width - width < 4 && padded.Height - height < 4);
        Assert.Equal(image.Data, cropped.Data);
    }

    [Fact]
    public void Pad_larger_than_the_image_reflects_back_and_forth()
    {
        Assert.Equal([5f, 5f, 5f, 5f], ReflectPadding.Pad(Image(1, 1, [5]), 3, 0).Channel(0).ToArray());
        Assert.Equal([1f, 2f, 1f, 2f, 1f, 2f], ReflectPadding.Pad(Image(2, 1, [1, 2]), 4, 0).Channel(0).ToArray());
        Assert.Equal([1f, 2f, 3f, 2f, 1f, 2f, 3f, 2f], ReflectPadding.Pad(Image(3, 1, [1, 2, 3]), 5, 0).Channel(0).ToArray());
        Assert.Equal([7f, 7f, 7f, 7f], ReflectPadding.PadToMultiple(Image(1, 1, [7])).Channel(0)[..4].ToArray());
    }

    [Fact]
    public void Already_aligned_images_are_returned_as_is()
    {
        var image = new PlanarImage(8, 12);
        Assert.Same(image, ReflectPadding.PadToMultiple(image));
        Assert.Same(image, ReflectPadding.Crop(image, 8, 12));
    }

    [Theory]
    [InlineData(0, 4, 0)]
    [InlineData(1, 4, 4)]
    [InlineData(4, 4, 4)]
    [InlineData(5, 4, 8)]
    [InlineData(513, 8, 520)]
    public void RoundUp_gives_the_next_multiple(int size, int multiple, int expected) =>
        Assert.Equal(expected, ReflectPadding.RoundUp(size, multiple));

    [Fact]
    public void Crop_larger_than_the_image_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReflectPadding.Crop(new PlanarImage(2, 2), 3, 2));

    // The same values in all three channels, offset by 100 per channel.
    private static PlanarImage Image(int width, int height, float[] values)
    {
        var image = new PlanarImage(width, height);
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < values.Length; i++)
            {
                image.Channel(c)[i] = values[i] + (100 * c);
            }
        }

        return image;
    }
}
