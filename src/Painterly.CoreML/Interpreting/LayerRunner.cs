using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification;
using Case = Painterly.CoreML.Specification.NeuralNetworkLayer.LayerOneofCase;

namespace Painterly.CoreML.Interpreting;

/// <summary>Executes one layer on its input blobs.</summary>
internal static class LayerRunner
{
    public static Blob Run(NeuralNetworkLayer layer, IReadOnlyList<Blob> inputs)
    {
        string name = layer.Name;
        if (layer.Output.Count != 1)
        {
            throw LayerParams.Invalid(name, $"has {layer.Output.Count} outputs; the layers this interpreter runs have exactly one.");
        }

        (int min, int max) = layer.LayerCase switch
        {
            Case.Add or Case.Multiply => (1, int.MaxValue),
            Case.Crop => (1, 2),
            _ => (1, 1),
        };
        if (inputs.Count < min || inputs.Count > max)
        {
            throw LayerParams.Invalid(name, $"has {inputs.Count} inputs; a {layer.LayerCase} layer takes {(min == max ? $"{min}" : max == int.MaxValue ? $"{min} or more" : $"{min} to {max}")}.");
        }

        var x = inputs[0];
        return layer.LayerCase switch
        {
            Case.Convolution => ConvolutionKernel.Run(name, layer.Convolution, x),
            Case.Activation => ActivationKernel.Run(name, layer.Activation, x),
            Case.Batchnorm => BatchnormKernel.Run(name, layer.Batchnorm, x),
            Case.Crop => CropKernel.Run(name, layer.Crop, inputs),
            Case.Padding => PaddingKernel.Run(name, layer.Padding, x),
            Case.Upsample => UpsampleKernel.Run(name, layer.Upsample, x),
            Case.Unary => UnaryKernel.Run(name, layer.Unary, x),
            Case.Add => ElementwiseKernel.Add(name, inputs, layer.Add.Alpha),
            Case.Multiply => ElementwiseKernel.Multiply(name, inputs, layer.Multiply.Alpha),
            Case.Scale => ScaleBiasKernel.Scale(name, layer.Scale, x),
            Case.Bias => ScaleBiasKernel.Bias(name, layer.Bias, x),
            Case.Clip => ActivationKernel.Clip(name, layer.Clip, x),
            Case.ReorganizeData => ReorganizeKernel.Run(name, layer.ReorganizeData, x),
            _ => throw new NotSupportedException($"Layer '{name}' has a layer type this interpreter does not support ({UnknownLayerType.Describe(layer)})."),
        };
    }
}
