using Google.Protobuf;
using Painterly.Core.IO;
using Painterly.Core.Models;
using Painterly.CoreML.Specification;
using Painterly.CoreML.Writing;

namespace Painterly.CoreML;

/// <summary>
/// Writes a <see cref="StyleModel"/> as a Core ML <c>.mlmodel</c> (NeuralNetwork): RGB image <c>image</c> in,
/// RGB image <c>stylized</c> out (0-255, clamped inside the model), scaler preprocessing, fp32 or fp16 weights,
/// and the model card as metadata. The specification version is the lowest the written model needs.
/// </summary>
public static class CoreMLExporter
{
    /// <summary>Name of the image input.</summary>
    public const string InputName = "image";

    /// <summary>Name of the image output.</summary>
    public const string OutputName = "stylized";

    /// <summary>The Core ML model of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static Model Build(StyleModel model, CoreMLExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options = (options ?? new CoreMLExportOptions()).Validate();
        bool clipLayer = CoreMLSpecVersion.ForIos(options.MinimumIos) >= CoreMLSpecVersion.Ios13;

        var network = new NeuralNetwork();
        network.Preprocessing.Add(new NeuralNetworkPreprocessing
        {
            FeatureName = InputName,

            // The network takes 0-255 RGB; an explicit identity scaler documents that (channelScale 0 would zero it).
            Scaler = new NeuralNetworkImageScaler { ChannelScale = 1f, RedBias = 0f, GreenBias = 0f, BlueBias = 0f },
        });
        network.Layers.AddRange(StyleNetLayers.Build(model, options.Fp16, clipLayer, InputName, OutputName));

        var result = new Model
        {
            Description = new ModelDescription
            {
                Input = { ImageFeatures.Rgb(InputName, "Photo to stylize (RGB).", options) },
                Output = { ImageFeatures.Rgb(OutputName, "The photo in the style (RGB, same size as the input).", options) },
                Metadata = ExportMetadata.Of(model, options),
            },
            NeuralNetwork = network,
        };
        result.SpecificationVersion = CoreMLSpecVersion.Required(result);
        return result;
    }

    /// <summary>The <c>.mlmodel</c> bytes of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static byte[] Export(StyleModel model, CoreMLExportOptions? options = null) => Build(model, options).ToByteArray();

    /// <summary>Writes the <c>.mlmodel</c> to <paramref name="path"/> atomically (a failure leaves no partial file).</summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static void Save(string path, StyleModel model, CoreMLExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var built = Build(model, options);
        AtomicFile.Write(path, stream => built.WriteTo(stream));
    }
}
