using Painterly.CoreML.Specification;
using Painterly.CoreML.Specification.Mil;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// The rules Apple's specification validator applies to an ML Program, as far as this project's models go:
/// specification version and opset agree, <c>main</c> exists with a block for its opset, its inputs and outputs
/// match the description's (image features as float32 [1, 3, H, W]), every op is known and has its required
/// inputs, every variable is defined once before use, and every weight points at a well-formed blob of the right
/// type and size inside the weights file.
/// </summary>
internal static class MilProgramCheck
{
    /// <summary>
    /// Checks <paramref name="package"/>; returns the main block. With <paramref name="runnable"/> false (reading
    /// for <c>inspect</c>), ops outside Painterly's set, ops with several or non-tensor outputs and weights of other
    /// types pass, so a package from Apple's converter can be described; their weights' blob records are still
    /// checked against the file.
    /// </summary>
    /// <exception cref="InvalidDataException">The first rule broken, in one line naming <paramref name="source"/>.</exception>
    public static Block Check(MlPackage package, string source, bool runnable = true)
    {
        var model = package.Model;
        var program = model.MlProgram ?? throw Bad(source, "holds no ML Program");
        if (model.SpecificationVersion < 6)
        {
            throw Bad(source, $"declares specification version {model.SpecificationVersion}; ML Programs need 6 (iOS 15) or later");
        }

        if (program.Version != 1)
        {
            throw Bad(source, $"has program version {program.Version}; Core ML reads version 1");
        }

        if (!program.Functions.TryGetValue(MlPackage.MainFunction, out var main))
        {
            throw Bad(source, "has no function 'main'");
        }

        int needed = MilOps.SpecificationVersionOf(main.Opset);
        if (needed == 0 || needed > model.SpecificationVersion)
        {
            throw Bad(source, needed == 0
                ? $"uses opset '{main.Opset}'; this reader knows CoreML5 to CoreML8"
                : $"uses opset {main.Opset}, which needs specification version {needed}, but declares {model.SpecificationVersion}");
        }

        if (!main.BlockSpecializations.TryGetValue(main.Opset, out var block))
        {
            throw Bad(source, $"has no block for its opset {main.Opset} in 'main'");
        }

        var types = new Dictionary<string, TensorType>(StringComparer.Ordinal);
        CheckInputs(source, model.Description, main, types);
        var blobs = package.Weights.Length > 0 ? new MilBlobReader(package.Weights, source + "/weights") : null;
        foreach (var op in block.Operations)
        {
            CheckOp(source, op, types, blobs, runnable);
        }

        CheckOutputs(source, model.Description, block, types);
        return block;
    }

    private static void CheckInputs(string source, ModelDescription description, Function main, Dictionary<string, TensorType> types)
    {
        if (main.Inputs.Count != description.Input.Count)
        {
            throw Bad(source, $"'main' takes {main.Inputs.Count} inputs but the description lists {description.Input.Count}");
        }

        foreach (var feature in description.Input)
        {
            var input = main.Inputs.FirstOrDefault(i => i.Name == feature.Name)
                ?? throw Bad(source, $"describes input '{feature.Name}' but 'main' has no such input");
            var tensor = input.Type?.TensorType ?? throw Bad(source, $"input '{feature.Name}' of 'main' is not a tensor");
            if (feature.Type?.ImageType is { } image)
            {
                CheckImage(source, "input", feature.Name, image, tensor);
            }

            types[input.Name] = tensor;
        }
    }

    private static void CheckOutputs(string source, ModelDescription description, Block block, Dictionary<string, TensorType> types)
    {
        if (block.Outputs.Count != description.Output.Count)
        {
            throw Bad(source, $"'main' returns {block.Outputs.Count} values but the description lists {description.Output.Count} outputs");
        }

        foreach (var feature in description.Output)
        {
            if (!block.Outputs.Contains(feature.Name) || !types.TryGetValue(feature.Name, out var tensor))
            {
                throw Bad(source, $"describes output '{feature.Name}' but 'main' does not return it");
            }

            if (feature.Type?.ImageType is { } image)
            {
                CheckImage(source, "output", feature.Name, image, tensor);
            }
        }
    }

    /// <summary>An image feature is a float32 [1, 3, H, W] tensor whose known sides equal the described size.</summary>
    private static void CheckImage(string source, string role, string name, ImageFeatureType image, TensorType tensor)
    {
        bool flexible = image.SizeFlexibilityCase != ImageFeatureType.SizeFlexibilityOneofCase.None;
        if (tensor.DataType != DataType.Float32 || tensor.Rank != 4 || tensor.Dimensions.Count != 4
            || Size(tensor.Dimensions[0]) != 1 || Size(tensor.Dimensions[1]) != 3
            || (!flexible && (Size(tensor.Dimensions[2]) != image.Height || Size(tensor.Dimensions[3]) != image.Width)))
        {
            throw Bad(source, $"image {role} '{name}' is {Describe(tensor)} in 'main'; it must be fp32 [1, 3, {(flexible ? "H" : image.Height)}, {(flexible ? "W" : image.Width)}]");
        }
    }

    private static void CheckOp(string source, Operation op, Dictionary<string, TensorType> types, MilBlobReader? blobs, bool runnable)
    {
        string label = op.Outputs.Count > 0 ? op.Outputs[0].Name : "(unnamed)";
        if (!MilOps.Required.TryGetValue(op.Type, out var required))
        {
            if (runnable)
            {
                throw Bad(source, $"uses op '{op.Type}' ({label}), outside what Painterly runs; supported: {string.Join(", ", MilOps.Required.Keys)}");
            }

            required = [];
        }

        foreach (string parameter in required)
        {
            if (!op.Inputs.ContainsKey(parameter))
            {
                throw Bad(source, $"op '{label}' ({op.Type}) lacks its required input '{parameter}'");
            }
        }

        foreach (var (parameter, argument) in op.Inputs)
        {
            foreach (var binding in argument.Arguments)
            {
                if (binding.BindingCase == Argument.Types.Binding.BindingOneofCase.Name && !types.ContainsKey(binding.Name))
                {
                    throw Bad(source, $"op '{label}' ({op.Type}) reads '{binding.Name}' for '{parameter}' before anything defines it");
                }
            }
        }

        if (op.Outputs.Count != 1 && (runnable || op.Type == "const"))
        {
            throw Bad(source, $"op '{label}' ({op.Type}) has {op.Outputs.Count} outputs; the ops used here have one");
        }

        foreach (var output in op.Outputs)
        {
            // A list or tuple output (outside this schema subset) still defines its name.
            var type = output.Type?.TensorType ?? (runnable ? throw Bad(source, $"op '{label}' ({op.Type}) output is not a tensor") : new TensorType());
            if (!types.TryAdd(output.Name, type))
            {
                throw Bad(source, $"defines '{output.Name}' twice");
            }
        }

        if (op.Type == "const")
        {
            CheckConst(source, op, label, types[label], blobs, runnable);
        }
    }

    private static void CheckConst(string source, Operation op, string label, TensorType type, MilBlobReader? blobs, bool runnable)
    {
        if (!op.Attributes.TryGetValue("val", out var value))
        {
            throw Bad(source, $"const '{label}' has no value");
        }

        if (value.ValueCase != Value.ValueOneofCase.BlobFileValue)
        {
            return;
        }

        var file = value.BlobFileValue;
        if (file.FileName != MilBlobFormat.ProgramFileName)
        {
            throw Bad(source, $"const '{label}' points into '{file.FileName}'; Painterly packages keep weights in {MilBlobFormat.ProgramFileName}");
        }

        if (blobs is null)
        {
            throw Bad(source, $"const '{label}' points into the weights file, which the package lacks");
        }

        if (type.DataType is not (DataType.Float16 or DataType.Float32))
        {
            if (runnable)
            {
                throw Bad(source, $"const '{label}' stores {type.DataType} in the weights file; Painterly runs float16 and float32");
            }

            blobs.Describe(file.Offset);
            return;
        }

        blobs.ReadFloats(file.Offset, ElementCount(source, label, type), type.DataType == DataType.Float16);
    }

    /// <summary>The number of values of a fully known tensor type; the product is bounded so it cannot overflow.</summary>
    public static long ElementCount(string source, string label, TensorType type)
    {
        long count = 1;
        foreach (var dim in type.Dimensions)
        {
            long size = Size(dim);
            if (size < 0 || size > int.MaxValue || (count *= size) > int.MaxValue)
            {
                throw Bad(source, $"'{label}' has shape {Describe(type)}, not a fixed shape of at most {int.MaxValue} values");
            }
        }

        return count;
    }

    /// <summary>A dimension's size, or -1 when unknown.</summary>
    public static long Size(Dimension dimension) =>
        dimension.DimensionCase == Dimension.DimensionOneofCase.Constant && dimension.Constant.Size <= long.MaxValue ? (long)dimension.Constant.Size : -1;

    /// <summary>"fp16 [1, 3, ?, ?]".</summary>
    public static string Describe(TensorType type) =>
        $"{DataTypeName(type.DataType)} [{string.Join(", ", type.Dimensions.Select(d => Size(d) is var s and >= 0 ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?"))}]";

    public static string DataTypeName(DataType type) => type switch
    {
        DataType.Float16 => "fp16",
        DataType.Float32 => "fp32",
        DataType.Int32 => "int32",
        DataType.String => "string",
        DataType.Bool => "bool",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static InvalidDataException Bad(string source, string problem) => new($"'{source}' {problem}; re-export it with painterly export --format mlpackage.");
}
