using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Specification;
using ColorSpace = Painterly.CoreML.Specification.ImageFeatureType.Types.ColorSpace;

namespace Painterly.CoreML.Tests.Interpreting;

/// <summary>Hand-built blobs, weights and models for the layer tests.</summary>
internal static class TinyModels
{
    public static Blob Blob(int channels, int height, int width, params float[] values) => new(channels, height, width, values);

    /// <summary>0, 1, 2, ... in CHW order.</summary>
    public static Blob Counting(int channels, int height, int width) =>
        new(channels, height, width, [.. Enumerable.Range(0, channels * height * width).Select(i => (float)i)]);

    public static WeightParams Weights(params float[] values) => new() { FloatValue = { values } };

    public static BorderAmounts Border(int top, int bottom, int left, int right) => new()
    {
        BorderAmounts_ =
        {
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)top, EndEdgeSize = (ulong)bottom },
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)left, EndEdgeSize = (ulong)right },
        },
    };

    /// <summary>A model with an image input "in" and image output "out" of the given size and colour spaces.</summary>
    public static Model ImageModel(int width, int height, ColorSpace input, ColorSpace output, IEnumerable<NeuralNetworkLayer> layers, NeuralNetworkImageScaler? scaler = null)
    {
        var network = new NeuralNetwork { Layers = { layers } };
        if (scaler is not null)
        {
            network.Preprocessing.Add(new NeuralNetworkPreprocessing { FeatureName = "in", Scaler = scaler });
        }

        return new Model
        {
            SpecificationVersion = 1,
            Description = new ModelDescription
            {
                Input = { Image("in", width, height, input) },
                Output = { Image("out", width, height, output) },
            },
            NeuralNetwork = network,
        };
    }

    public static NeuralNetworkLayer Identity(string name, string input, string output) => new()
    {
        Name = name,
        Input = { input },
        Output = { output },
        Activation = new ActivationParams { Linear = new ActivationLinear { Alpha = 1f } },
    };

    private static FeatureDescription Image(string name, int width, int height, ColorSpace colorSpace) => new()
    {
        Name = name,
        Type = new FeatureType { ImageType = new ImageFeatureType { Width = width, Height = height, ColorSpace = colorSpace } },
    };
}
