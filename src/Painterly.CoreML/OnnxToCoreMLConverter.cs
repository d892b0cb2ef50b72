using Painterly.CoreML.Converting;
using Painterly.CoreML.Specification;
using Painterly.CoreML.Writing;
using Painterly.Onnx;

namespace Painterly.CoreML;

/// <summary>
/// Converts an ONNX image-to-image graph (one float [1, 3, H, W] RGB 0-255 input, one [1, 3, H', W'] output), such
/// as a PyTorch export of a network that is not a StyleNet, to a Core ML NeuralNetwork with an RGB image input
/// <c>image</c> and output <c>stylized</c> (clamped to 0-255). Constant subgraphs (the pads and scales PyTorch
/// computes with Shape/Gather/Concat/Slice/...) are folded first, at the size the options give; the remaining nodes
/// must be among <see cref="SupportedOps"/>. For StyleNets prefer <see cref="OnnxStyleNetImporter"/> and
/// <see cref="CoreMLExporter"/>, whose output is cleaner.
/// </summary>
public static class OnnxToCoreMLConverter
{
    /// <summary>The ONNX operators mapped to layers (constant plumbing is folded and needs no layer).</summary>
    public const string SupportedOps = OnnxLayerMapper.Supported;

    /// <summary>The Core ML model of <paramref name="graph"/>.</summary>
    /// <exception cref="InvalidDataException">An unsupported operator (one line naming it and the node), or an
    /// input or output that is not an RGB image tensor.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static Model Convert(OnnxGraph graph, CoreMLExportOptions? options = null, string sourceName = "model")
    {
        ArgumentNullException.ThrowIfNull(graph);
        options = (options ?? new CoreMLExportOptions()).Validate();
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            throw new InvalidDataException($"'{sourceName}' has {graph.Inputs.Count} inputs and {graph.Outputs.Count} outputs; the Core ML converter takes image-to-image graphs with one of each.");
        }

        var size = options.DefaultSize;
        var state = new ConversionState(graph, options.Fp16, CoreMLSpecVersion.ForIos(options.MinimumIos) >= CoreMLSpecVersion.Ios13);
        foreach (var (name, tensor) in graph.Initializers)
        {
            state.Constants[name] = ConstantTensor.From(tensor);
        }

        var input = graph.Inputs[0];
        if (input.Shape is { Count: 4 } dims && dims[1].Value is { } channels && channels != 3)
        {
            throw new InvalidDataException($"'{sourceName}' input '{input.Name}' has {channels} channels; a Core ML image input has 3 (RGB).");
        }

        state.Runtime[input.Name] = new RuntimeTensor(CoreMLExporter.InputName, 3, size.Height, size.Width);
        long opset = graph.Opset;
        foreach (var node in graph.Nodes)
        {
            if (!ConstantFolder.TryFold(node, state, opset))
            {
                OnnxLayerMapper.Map(node, state, opset);
            }
        }

        var output = state.Runtime.GetValueOrDefault(graph.Outputs[0].Name)
            ?? throw new InvalidDataException($"'{sourceName}' output '{graph.Outputs[0].Name}' does not depend on the input; nothing to convert.");
        Check(output, size, options, state, sourceName);

        // The image output must hold 0-255; a clamp also keeps Core ML's conversion to pixels well defined.
        ConvertedLayers.Clamp(state, "clamp", output.Blob, 0f, 255f);
        state.Layers[^1].Output[0] = CoreMLExporter.OutputName;

        var network = new NeuralNetwork();
        network.Preprocessing.Add(new NeuralNetworkPreprocessing
        {
            FeatureName = CoreMLExporter.InputName,
            Scaler = new NeuralNetworkImageScaler { ChannelScale = 1f, RedBias = 0f, GreenBias = 0f, BlueBias = 0f },
        });
        network.Layers.AddRange(state.Layers);
        var outputOptions = options with { Size = new CoreMLImageSize(output.Width, output.Height) };
        var model = new Model
        {
            Description = new ModelDescription
            {
                Input = { ImageFeatures.Rgb(CoreMLExporter.InputName, "Image (RGB).", options) },
                Output = { ImageFeatures.Rgb(CoreMLExporter.OutputName, "Result (RGB).", options.EnumeratedSizes is null && options.SizeRange is null ? outputOptions : options) },
                Metadata = new Metadata
                {
                    ShortDescription = $"Converted from ONNX ({Path.GetFileName(sourceName)}) by Painterly.",
                    Author = options.Author,
                    VersionString = options.ModelVersion,
                    UserDefined = { ["source"] = Path.GetFileName(sourceName), ["onnx_opset"] = opset.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            },
            NeuralNetwork = network,
        };
        model.SpecificationVersion = CoreMLSpecVersion.Required(model);
        return model;
    }

    /// <summary>Reads <paramref name="onnxPath"/> and writes its Core ML model to <paramref name="path"/> atomically.</summary>
    /// <inheritdoc cref="Convert"/>
    public static Model ConvertFile(string onnxPath, string path, CoreMLExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = Convert(OnnxGraph.ReadFile(onnxPath), options, onnxPath);
        Painterly.Core.IO.AtomicFile.Write(path, stream => Google.Protobuf.MessageExtensions.WriteTo(model, stream));
        return model;
    }

    private static void Check(RuntimeTensor output, CoreMLImageSize size, CoreMLExportOptions options, ConversionState state, string source)
    {
        if (output.Channels != 3)
        {
            throw new InvalidDataException($"'{source}' output has {output.Channels} channels; a Core ML image output has 3 (RGB).");
        }

        bool flexible = options.EnumeratedSizes is not null || options.SizeRange is not null;
        if (flexible && (output.Width != size.Width || output.Height != size.Height))
        {
            throw new InvalidDataException($"'{source}' output is {output.Width}x{output.Height} for a {size} input; flexible sizes need an output of the input's size. Give one --size.");
        }

        if (flexible && state.UsedRuntimeShape)
        {
            throw new InvalidDataException($"'{source}' computes sizes from the input's shape, so its conversion holds for {size} only; give one --size instead of flexible sizes.");
        }
    }
}
