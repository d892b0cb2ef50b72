using Painterly.CoreML.Specification;
using Painterly.CoreML.Specification.Mil;
using ColorSpace = Painterly.CoreML.Specification.ImageFeatureType.Types.ColorSpace;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Writes the ML Program form of an image-to-image NeuralNetwork model: function <c>main</c> takes the image input
/// as float32 [1, 3, H, W] (Core ML turns the pixel buffer into that), casts to float16 unless float32 was asked
/// for, applies the scaler preprocessing as ops (an ML Program has no preprocessing message), runs the translated
/// layers and casts the clamped result back to float32 for the image output. Weights go to the blob file.
/// </summary>
internal static class MilProgramWriter
{
    public static MlPackage Write(Model network, MlProgramExportOptions options)
    {
        var description = network.Description;
        if (network.NeuralNetwork is null || description.Input.Count != 1 || description.Output.Count != 1)
        {
            throw new InvalidDataException("The ML Program writer takes a NeuralNetwork with one input and one output.");
        }

        var compute = options.Fp32 ? DataType.Float32 : DataType.Float16;
        var blobs = new MilBlobWriter();
        var block = new MilBlockBuilder(compute, blobs);
        var inputFeature = description.Input[0];
        string inputName = inputFeature.Name, outputName = description.Output[0].Name;
        block.Claim(inputName);
        block.Claim(outputName);

        var image = inputFeature.Type.ImageType ?? throw new InvalidDataException($"Input '{inputName}' is not an image.");
        bool flexible = image.SizeFlexibilityCase != ImageFeatureType.SizeFlexibilityOneofCase.None;
        var x = new MilTensor(inputName, 3, flexible ? null : image.Height, flexible ? null : image.Width);
        var inputType = MilValues.Tensor(DataType.Float32, x.Shape);

        if (compute == DataType.Float16)
        {
            x = block.Op("cast", "image_fp16", [("x", x.Name), ("dtype", block.Const("image_dtype", MilValues.String("fp16")))], x with { Name = "" });
        }

        x = Preprocess(block, network.NeuralNetwork.Preprocessing.FirstOrDefault(p => p.FeatureName == inputName || p.FeatureName.Length == 0), image.ColorSpace, x);

        var translator = new NeuralNetworkToMil(block);
        translator.Bind(inputName, x);
        foreach (var layer in network.NeuralNetwork.Layers)
        {
            translator.Add(layer);
        }

        var result = translator[outputName];
        if (compute == DataType.Float16)
        {
            block.Op("cast", outputName, [("x", result.Name), ("dtype", block.Const("stylized_dtype", MilValues.String("fp32")))], result with { Name = outputName }, DataType.Float32);
        }
        else
        {
            block.Op("identity", outputName, [("x", result.Name)], result with { Name = outputName });
        }

        block.Block.Outputs.Add(outputName);
        var function = new Function { Opset = options.Opset, Inputs = { new NamedValueType { Name = inputName, Type = inputType } } };
        function.BlockSpecializations[options.Opset] = block.Block;
        var program = new Program { Version = 1 };
        program.Functions[MlPackage.MainFunction] = function;

        var model = new Model
        {
            SpecificationVersion = options.SpecificationVersion,
            Description = description.Clone(),
            MlProgram = program,
        };
        return new MlPackage(model, blobs.ToArray());
    }

    /// <summary>y = channelScale * x + bias per channel, skipped when it is the identity (Painterly's own models).</summary>
    private static MilTensor Preprocess(MilBlockBuilder block, NeuralNetworkPreprocessing? preprocessing, ColorSpace colorSpace, MilTensor x)
    {
        if (preprocessing?.Scaler is not { } scaler)
        {
            return x;
        }

        if (scaler.ChannelScale != 1f)
        {
            x = block.Op("mul", "image_scaled", [("x", x.Name), ("y", block.Scalar("image_scale", scaler.ChannelScale))], x with { Name = "" });
        }

        float[] bias = colorSpace == ColorSpace.Bgr
            ? [scaler.BlueBias, scaler.GreenBias, scaler.RedBias]
            : [scaler.RedBias, scaler.GreenBias, scaler.BlueBias];
        if (bias.Any(b => b != 0f))
        {
            x = block.Op("add", "image_biased", [("x", x.Name), ("y", block.Const("image_bias", MilValues.Floats(block.Fp16, [1, 3, 1, 1], bias)))], x with { Name = "" });
        }

        return x;
    }
}
