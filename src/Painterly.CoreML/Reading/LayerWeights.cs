using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Reading;

/// <summary>The weight fields of each layer type, by role.</summary>
internal static class LayerWeights
{
    public static IEnumerable<(string Role, WeightParams Weights)> Of(NeuralNetworkLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        (string Role, WeightParams? Weights)[] candidates = layer.LayerCase switch
        {
            NeuralNetworkLayer.LayerOneofCase.Convolution => [("weights", layer.Convolution.Weights), ("bias", layer.Convolution.Bias)],
            NeuralNetworkLayer.LayerOneofCase.Batchnorm =>
            [
                ("gamma", layer.Batchnorm.Gamma), ("beta", layer.Batchnorm.Beta),
                ("mean", layer.Batchnorm.Mean), ("variance", layer.Batchnorm.Variance),
            ],
            NeuralNetworkLayer.LayerOneofCase.Scale => [("scale", layer.Scale.Scale), ("bias", layer.Scale.Bias)],
            NeuralNetworkLayer.LayerOneofCase.Bias => [("bias", layer.Bias.Bias)],
            _ => [],
        };
        foreach (var (role, weights) in candidates)
        {
            if (weights is not null)
            {
                yield return (role, weights);
            }
        }
    }
}
