using Painterly.Core.Images;
using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Interpreting.Mil;
using Painterly.CoreML.MlProgram;
using Painterly.CoreML.Specification;
using Painterly.CoreML.Specification.Mil;

namespace Painterly.CoreML;

/// <summary>
/// A reference interpreter for Core ML ML Programs (<c>.mlpackage</c>), in plain C#, so an exported package can be
/// compared with ONNX Runtime on Linux. It runs the MIL ops Painterly writes (const, cast, identity, conv,
/// conv_transpose, pad, crop, instance_norm, batch_norm, upsample_nearest_neighbor, space_to_depth, depth_to_space, pixel_shuffle, relu, tanh, sigmoid, abs, exp,
/// linear_activation, threshold, inverse, clip, add, mul) with batch 1. Every value the program declares float16 is
/// rounded to half precision after the op that makes it, as the device stores it; arithmetic inside an op is
/// float32, so device results can still differ slightly.
/// </summary>
public sealed class MlProgramInterpreter
{
    private readonly MlPackage package;
    private readonly Block block;
    private readonly MilBlobReader? blobs;
    private readonly Dictionary<string, int> lastUse = new(StringComparer.Ordinal);

    /// <summary>Checks <paramref name="package"/> and prepares to run it.</summary>
    /// <exception cref="InvalidDataException">The package breaks an ML Program rule.</exception>
    public MlProgramInterpreter(MlPackage package, string source = "model.mlpackage")
    {
        ArgumentNullException.ThrowIfNull(package);
        this.package = package;
        block = MilProgramCheck.Check(package, source);
        blobs = package.Weights.Length > 0 ? new MilBlobReader(package.Weights, source + "/weights") : null;
        if (package.Model.Description.Input.Count != 1)
        {
            throw new NotSupportedException($"'{source}' has {package.Model.Description.Input.Count} inputs; the interpreter runs image-to-image models.");
        }

        for (int i = 0; i < block.Operations.Count; i++)
        {
            foreach (var binding in block.Operations[i].Inputs.Values.SelectMany(a => a.Arguments))
            {
                lastUse[binding.Name] = i;
            }
        }
    }

    /// <summary>Reads the package at <paramref name="path"/> and prepares it.</summary>
    /// <exception cref="InvalidDataException">The folder is not a well-formed ML Program package.</exception>
    public MlProgramInterpreter(string path)
        : this(MlPackageReader.Read(path), path)
    {
    }

    /// <summary>Runs the program on an RGB 0-255 image; returns its first output as an RGB image.</summary>
    /// <exception cref="ArgumentException">The model does not accept the image's size.</exception>
    /// <exception cref="NotSupportedException">An op or setting outside the supported set.</exception>
    /// <exception cref="InvalidDataException">An op's inputs are inconsistent.</exception>
    public PlanarImage Run(PlanarImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var description = package.Model.Description;
        var feature = description.Input[0];

        // The image becomes float32 [1, 3, H, W] in the feature's channel order; ImageInput also checks the size.
        var image = ImageInput.ToBlob(input, feature, null);
        var values = new Dictionary<string, MilValue>(StringComparer.Ordinal) { [feature.Name] = MilValue.Of(image, false) };
        for (int i = 0; i < block.Operations.Count; i++)
        {
            var op = block.Operations[i];
            var output = op.Outputs[0];
            values[output.Name] = Execute(op, values, output.Type.TensorType.DataType == DataType.Float16);
            foreach (var name in op.Inputs.Values.SelectMany(a => a.Arguments).Select(b => b.Name).Where(n => lastUse.GetValueOrDefault(n) <= i))
            {
                // Drop values no later op reads, so a full-size image does not hold every activation at once.
                values.Remove(name);
            }
        }

        var outputName = description.Output[0].Name;
        var result = values[outputName].ToBlob(outputName);
        if (description.Output[0].Type?.ImageType?.ColorSpace == ImageFeatureType.Types.ColorSpace.Bgr)
        {
            ChannelOrder.SwapRedBlue(result.Data, result.Plane);
        }

        return new PlanarImage(result.Width, result.Height, result.Data);
    }

    private MilValue Execute(Operation op, Dictionary<string, MilValue> values, bool fp16)
    {
        if (op.Type == "const")
        {
            return MilConstants.Decode(op.Attributes["val"], op.Outputs[0].Name, blobs);
        }

        var inputs = new MilOpInputs(op, values);
        var blob = op.Type switch
        {
            "conv" => MilConvolutionOps.Run(inputs, transpose: false),
            "conv_transpose" => MilConvolutionOps.Run(inputs, transpose: true),
            "pad" => MilTensorOps.Pad(inputs),
            "crop" => MilTensorOps.Crop(inputs),
            "upsample_nearest_neighbor" => MilTensorOps.Upsample(inputs),
            "space_to_depth" => MilTensorOps.Reorganize(inputs, ReorganizeDataLayerParams.Types.ReorganizationType.SpaceToDepth, "block_size"),
            "depth_to_space" => MilTensorOps.Reorganize(inputs, ReorganizeDataLayerParams.Types.ReorganizationType.DepthToSpace, "block_size"),
            "pixel_shuffle" => MilTensorOps.Reorganize(inputs, ReorganizeDataLayerParams.Types.ReorganizationType.PixelShuffle, "upscale_factor"),
            "instance_norm" => MilNormalizationOps.Run(inputs, instance: true),
            "batch_norm" => MilNormalizationOps.Run(inputs, instance: false),
            "add" or "mul" => MilElementwiseOps.Binary(op.Type, inputs),
            "cast" => Cast(inputs),
            _ => MilElementwiseOps.Unary(op.Type, inputs),
        };
        if (fp16)
        {
            var data = blob.Data;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (float)(Half)data[i];
            }
        }

        return MilValue.Of(blob, fp16);
    }

    private static Blob Cast(MilOpInputs inputs)
    {
        string dtype = inputs.Text("dtype", "");
        if (dtype is not ("fp16" or "fp32"))
        {
            throw new NotSupportedException($"MIL op '{inputs.Label}' casts to '{dtype}'; the interpreter casts between fp16 and fp32.");
        }

        var x = inputs.X;
        return new Blob(x.Channels, x.Height, x.Width, (float[])x.Data.Clone());
    }
}
