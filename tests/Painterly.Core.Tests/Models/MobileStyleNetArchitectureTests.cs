using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

public class MobileStyleNetArchitectureTests
{
    [Fact]
    public void Parameters_are_the_torch_module_names_with_depthwise_shapes()
    {
        var shapes = StyleNetArchitecture.Parameters(new StyleNetConfig(48, 2, Form: StyleNetForm.Mobile)).ToDictionary(p => p.Name, p => p.Shape);

        Assert.Equal([48, 48, 3, 3], shapes["conv1.conv2d.weight"]);
        Assert.Equal([48, 1, 3, 3], shapes["res1.dw1.conv2d.weight"]);
        Assert.Equal([48, 48, 1, 1], shapes["res2.pw2.conv2d.weight"]);
        Assert.Equal([48], shapes["res2.in2.weight"]);
        Assert.Equal([48, 48, 3, 3], shapes["deconv1.conv2d.weight"]);
        Assert.Equal(4 + (2 * 12) + 2, shapes.Count);
    }

    [Fact]
    public void Every_convolution_runs_at_a_quarter_of_the_side()
    {
        // Per pixel at 1/16 of the area: conv1 2 * 48 * 64 * 9, per block 2 * 2 * (64 * 9 + 64 * 64), deconv1 2 * 64 * 48 * 9.
        var config = new StyleNetConfig(64, 5, Form: StyleNetForm.Mobile);
        double perLowResPixel = (2.0 * 48 * 64 * 9) + (5 * 2 * 2 * ((64 * 9) + (64 * 64))) + (2.0 * 64 * 48 * 9);
        Assert.Equal(perLowResPixel * 256 * 256, StyleNetArchitecture.Flops(config, 1024, 1024));
        Assert.True(StyleNetArchitecture.Flops(StyleNetConfig.Mobile, 512, 512) * 10 < StyleNetArchitecture.Flops(StyleNetConfig.Default, 512, 512));
    }

    [Fact]
    public void The_config_names_its_form_in_json_and_classic_json_is_unchanged()
    {
        Assert.Equal("""{"channels":48,"residualBlocks":4,"upsample":"nearest","form":"mobile"}""", StyleNetConfig.Mobile.ToJson());
        Assert.Equal(StyleNetConfig.Mobile, StyleNetConfig.FromJson(StyleNetConfig.Mobile.ToJson()));
        Assert.DoesNotContain("form", StyleNetConfig.Default.ToJson(), StringComparison.Ordinal);
        var error = Assert.Throws<InvalidDataException>(() => StyleNetConfig.FromJson("""{"form":"tiny"}"""));
        Assert.Contains("unknown form \"tiny\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_channel_orders_map_as_pixel_shuffle_and_depth_to_space_define_them()
    {
        // 3 colours, block 2: position-first channel 4 is position 1 (dy 0, dx 1) of colour 1, which pixel_shuffle puts at 1 * 4 + 1.
        Assert.Equal(5, BlockChannelOrder.ColourFirst(4, 3, 2));
        Assert.Equal(0, BlockChannelOrder.ColourFirst(0, 3, 2));
        Assert.Equal(11, BlockChannelOrder.ColourFirst(11, 3, 2));

        var bias = new FloatTensor([12], [.. Enumerable.Range(0, 12).Select(i => (float)i)]);
        var positionFirst = BlockChannelOrder.ToPositionFirst(bias, 0, 3, 2);
        Assert.Equal([0f, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], positionFirst.Data);
        Assert.Equal(bias.Data, BlockChannelOrder.ToColourFirst(positionFirst, 0, 3, 2).Data);
    }

    [Fact]
    public void Exported_weights_next_to_a_rearrangement_are_reordered_under_their_own_names()
    {
        var model = SeededStyleModel.Create(new StyleNetConfig(16, 1, Form: StyleNetForm.Mobile), 3);
        var stages = StyleNetArchitecture.Stages(model.Config);
        var (firstName, first) = BlockChannelOrder.ExportedWeight(stages[0], model);
        var (middleName, middle) = BlockChannelOrder.ExportedWeight(stages[1], model);
        var (lastBiasName, lastBias) = BlockChannelOrder.ExportedBias(stages[^1], model);

        Assert.Equal("conv1.conv2d.weight/dcr", firstName);
        Assert.Equal(BlockChannelOrder.ToPositionFirst(model.Weights["conv1.conv2d.weight"], 1, 3, 4).Data, first.Data);
        Assert.Equal("res1.dw1.conv2d.weight", middleName);
        Assert.Same(model.Weights["res1.dw1.conv2d.weight"], middle);
        Assert.Equal("deconv1.conv2d.bias/dcr", lastBiasName);
        Assert.Equal(BlockChannelOrder.ToPositionFirst(model.Weights["deconv1.conv2d.bias"], 0, 3, 4).Data, lastBias.Data);
    }
}
