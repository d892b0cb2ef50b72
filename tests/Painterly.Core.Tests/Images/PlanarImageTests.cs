using Painterly.Core.Images;
using Painterly.Core.Models;

namespace Painterly.Core.Tests.Images;

public class PlanarImageTests
{
    [Fact]
    public void Channels_are_consecutive_planes_of_the_data()
    {
        var image = new PlanarImage(3, 2);
        image.Channel(1)[4] = 7f;
        image.Row(2, 1)[2] = 9f;

        Assert.Equal(18, image.Data.Length);
        Assert.Equal(7f, image.Data[6 + 4]);
        Assert.Equal(9f, image.Data[12 + 3 + 2]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, 5)]
    [InlineData(100_000, 100_000)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Rejects_empty_negative_and_oversized_images(int width, int height) =>
        Assert.ThrowsAny<ArgumentException>(() => new PlanarImage(width, height));

    [Fact]
    public void Rejects_data_of_the_wrong_length() =>
        Assert.Throws<ArgumentException>(() => new PlanarImage(2, 2, new float[11]));

    [Fact]
    public void Tensor_view_shares_the_values()
    {
        var image = new PlanarImage(4, 2);
        var tensor = image.AsTensor();
        tensor.Data[0] = 42f;

        Assert.Equal([1, 3, 2, 4], tensor.Shape);
        Assert.Equal(42f, image.Data[0]);
        var back = PlanarImage.FromTensor(tensor);
        Assert.Equal((4, 2), (back.Width, back.Height));
        Assert.Same(image.Data, back.Data);
    }

    [Fact]
    public void FromTensor_rejects_non_rgb_shapes() =>
        Assert.Throws<ArgumentException>(() => PlanarImage.FromTensor(new FloatTensor([1, 4, 2, 2], new float[16])));

    [Fact]
    public void Clone_is_deep()
    {
        var image = new PlanarImage(1, 1);
        var copy = image.Clone();
        copy.Data[0] = 1f;
        Assert.Equal(0f, image.Data[0]);
    }
}
