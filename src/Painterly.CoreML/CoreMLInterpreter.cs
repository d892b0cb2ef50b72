using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML;

/// <summary>
/// A reference interpreter for Core ML NeuralNetwork models, in plain C#: it runs an <c>.mlmodel</c> on Linux so
/// its output can be compared with other runtimes. It follows the schema's layer semantics (convolution and
/// deconvolution, padding, batchnorm and instance norm, activations, nearest upsampling, add, multiply, scale, bias,
/// unary functions, crop, clip, scaler preprocessing) with batch 1. Values are not rounded or clamped the way
/// Core ML's pixel-buffer conversion would.
/// </summary>
public sealed class CoreMLInterpreter
{
    private readonly Dictionary<string, int> lastUse;

    /// <summary>Prepares <paramref name="model"/>, checking its graph.</summary>
    /// <exception cref="InvalidDataException">The model holds no NeuralNetwork or breaks Core ML's graph rules.</exception>
    /// <exception cref="NotSupportedException">The model does not have exactly one input.</exception>
    public CoreMLInterpreter(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.NeuralNetwork is null || model.Description is null)
        {
            throw new InvalidDataException("The Core ML model has no NeuralNetwork or no description.");
        }

        if (model.Description.Input.Count != 1 || model.Description.Output.Count < 1)
        {
            throw new NotSupportedException($"The interpreter runs models with one input and at least one output; this one has {model.Description.Input.Count} inputs and {model.Description.Output.Count} outputs.");
        }

        lastUse = GraphCheck.Check(model);
        Model = model;
    }

    /// <summary>Parses and prepares <c>.mlmodel</c> bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a runnable Core ML NeuralNetwork model.</exception>
    public CoreMLInterpreter(byte[] mlmodel)
        : this(CoreMLModelReader.Parse(mlmodel))
    {
    }

    /// <summary>The model being run.</summary>
    public Model Model { get; }

    /// <summary>Name of the model input.</summary>
    public string InputName => Model.Description.Input[0].Name;

    /// <summary>Name of the first model output, which <see cref="Run"/> returns.</summary>
    public string OutputName => Model.Description.Output[0].Name;

    /// <summary>Runs the model on an RGB 0-255 image and returns its first output as an RGB image.</summary>
    /// <exception cref="ArgumentException">The model does not accept the image's size.</exception>
    /// <exception cref="NotSupportedException">A layer or feature outside the supported set.</exception>
    /// <exception cref="InvalidDataException">A layer's parameters are inconsistent.</exception>
    public PlanarImage Run(PlanarImage input)
    {
        var blob = Execute(input, keepAll: false)[OutputName];
        if (blob.Channels != PlanarImage.Channels)
        {
            throw new InvalidDataException($"Output '{OutputName}' has {blob.Channels} channels; an image output needs 3.");
        }

        var data = blob.Data;
        var type = Model.Description.Output[0].Type;
        if (type?.ImageType?.ColorSpace == ImageFeatureType.Types.ColorSpace.Bgr)
        {
            ChannelOrder.SwapRedBlue(data, blob.Plane);
        }

        return new PlanarImage(blob.Width, blob.Height, data);
    }

    /// <summary>
    /// Runs the model and returns every blob as a [C, H, W] tensor (the input one after preprocessing), in the
    /// order made, for comparing layer by layer.
    /// </summary>
    /// <exception cref="ArgumentException">The model does not accept the image's size.</exception>
    /// <exception cref="NotSupportedException">A layer or feature outside the supported set.</exception>
    /// <exception cref="InvalidDataException">A layer's parameters are inconsistent.</exception>
    public IReadOnlyDictionary<string, FloatTensor> RunAll(PlanarImage input) =>
        Execute(input, keepAll: true).ToDictionary(b => b.Key, b => new FloatTensor([b.Value.Channels, b.Value.Height, b.Value.Width], b.Value.Data), StringComparer.Ordinal);

    private Dictionary<string, Blob> Execute(PlanarImage input, bool keepAll)
    {
        ArgumentNullException.ThrowIfNull(input);
        var feature = Model.Description.Input[0];
        var preprocessing = Model.NeuralNetwork.Preprocessing.FirstOrDefault(p => p.FeatureName == feature.Name || p.FeatureName.Length == 0);
        var blobs = new Dictionary<string, Blob>(StringComparer.Ordinal)
        {
            [feature.Name] = ImageInput.ToBlob(input, feature, preprocessing),
        };

        var layers = Model.NeuralNetwork.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var inputs = layer.Input.Select(name => blobs[name]).ToList();
            blobs[layer.Output.Count == 1 ? layer.Output[0] : layer.Name] = LayerRunner.Run(layer, inputs);
            if (!keepAll)
            {
                // Drop what no later layer reads, so a full-size model does not hold every activation at once.
                foreach (var name in layer.Input.Where(name => lastUse.GetValueOrDefault(name) <= i))
                {
                    blobs.Remove(name);
                }
            }
        }

        return blobs;
    }
}
