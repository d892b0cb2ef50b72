using Painterly.CoreML.Converting;
using Painterly.Onnx;

namespace Painterly.CoreML.Tests.Converting;

/// <summary>ONNX never multiplies a float tensor by integers, so an integer weight is refused rather than converted.</summary>
public class IntegerWeightTests
{
    private static readonly OnnxNode Conv = new("conv1", "Conv", "", ["x", "w"], ["y"], new Dictionary<string, object>());

    [Fact]
    public void An_integer_weight_is_refused_naming_node_and_input()
    {
        var weight = ConstantTensor.Vector([1L, 2L, 3L]);

        var error = Assert.Throws<InvalidDataException>(() => weight.Weights(Conv, "weight"));

        Assert.Equal("ONNX node 'conv1' (Conv): its weight is an integer tensor; weights must be floating point.", error.Message);
    }

    [Fact]
    public void A_float_weight_passes_unchanged() =>
        Assert.Equal([0.5f, -2f], ConstantTensor.Vector([0.5, -2.0], isFloat: true).Weights(Conv, "weight"));
}
