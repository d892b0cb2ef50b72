using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification.Mil;

namespace Painterly.CoreML.MlProgram;

/// <summary>What <c>painterly inspect</c> shows of an ML Program package.</summary>
public sealed record MlPackageSummary
{
    /// <summary>The specification version the file declares.</summary>
    public required int SpecificationVersion { get; init; }

    /// <summary>The operating systems that first run it.</summary>
    public required string OperatingSystems { get; init; }

    /// <summary>Each function as "name (opset)", <c>main</c> first.</summary>
    public required IReadOnlyList<string> Functions { get; init; }

    /// <summary>The model inputs.</summary>
    public required IReadOnlyList<CoreMLFeatureSummary> Inputs { get; init; }

    /// <summary>The model outputs.</summary>
    public required IReadOnlyList<CoreMLFeatureSummary> Outputs { get; init; }

    /// <summary>How many ops of each type <c>main</c> runs, in order of first use.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> OpCounts { get; init; }

    /// <summary>The ops of <c>main</c> other than constants: output name, type, inputs (parameter=variable), output type.</summary>
    public required IReadOnlyList<(string Output, string Type, string Inputs, string OutputType)> Ops { get; init; }

    /// <summary>Constants stored in the weights file.</summary>
    public required int WeightBlobs { get; init; }

    /// <summary>Values stored as float16 (weights file and inline).</summary>
    public required long Float16Values { get; init; }

    /// <summary>Values stored as float32 (weights file and inline).</summary>
    public required long Float32Values { get; init; }

    /// <summary>Bytes of the weights file.</summary>
    public required long WeightFileBytes { get; init; }

    /// <summary>The description's metadata: description, author, licence, version, then user-defined entries.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; }

    /// <summary>Summarises a package that <see cref="MlPackageReader"/> read (and so checked).</summary>
    public static MlPackageSummary Of(MlPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var model = package.Model;
        var program = model.MlProgram;
        var main = program.Functions[MlPackage.MainFunction];
        var block = main.BlockSpecializations[main.Opset];
        long fp16 = 0, fp32 = 0;
        int blobs = 0;
        var ops = new List<(string, string, string, string)>();
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var op in block.Operations)
        {
            var type = op.Outputs.FirstOrDefault()?.Type?.TensorType ?? new TensorType();
            if (op.Type == "const")
            {
                constants[op.Outputs[0].Name] = ConstantText(op.Attributes["val"], type);
                long count = type.Dimensions.Aggregate(1L, (n, d) => n * Math.Max(0, MilProgramCheck.Size(d)));
                fp16 += type.DataType == DataType.Float16 ? count : 0;
                fp32 += type.DataType == DataType.Float32 ? count : 0;
                blobs += op.Attributes["val"].ValueCase == Value.ValueOneofCase.BlobFileValue ? 1 : 0;
                continue;
            }

            // Constants show as their value (small) or type (weights), as a model viewer would.
            string inputs = string.Join(", ", op.Inputs.Select(kv => $"{kv.Key}={string.Join("|", kv.Value.Arguments.Select(a => constants.GetValueOrDefault(a.Name, a.Name)))}"));
            ops.Add((string.Join(", ", op.Outputs.Select(o => o.Name)), op.Type, inputs, MilProgramCheck.Describe(type)));
        }

        var metadata = model.Description.Metadata ?? new Painterly.CoreML.Specification.Metadata();
        var entries = new List<KeyValuePair<string, string>>
        {
            new("description", metadata.ShortDescription),
            new("author", metadata.Author),
            new("license", metadata.License),
            new("version", metadata.VersionString),
        };
        entries.AddRange(metadata.UserDefined);

        return new MlPackageSummary
        {
            SpecificationVersion = model.SpecificationVersion,
            OperatingSystems = CoreMLSpecVersion.OperatingSystems(model.SpecificationVersion),
            Functions = [.. program.Functions.OrderBy(f => f.Key == MlPackage.MainFunction ? 0 : 1).Select(f => $"{f.Key} ({f.Value.Opset})")],
            Inputs = [.. model.Description.Input.Select(FeatureDescriber.Describe)],
            Outputs = [.. model.Description.Output.Select(FeatureDescriber.Describe)],
            OpCounts = [.. block.Operations.GroupBy(o => o.Type).Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))],
            Ops = ops,
            WeightBlobs = blobs,
            Float16Values = fp16,
            Float32Values = fp32,
            WeightFileBytes = package.Weights.Length,
            Metadata = [.. entries.Where(e => e.Value.Length > 0)],
        };
    }

    private static string ConstantText(Value value, TensorType type)
    {
        var tensor = value.ImmediateValue?.Tensor;
        string Join<T>(IEnumerable<T> values) => type.Rank == 0
            ? string.Join(",", values)
            : $"[{string.Join(",", values)}]";

        return tensor?.ValueCase switch
        {
            TensorValue.ValueOneofCase.Strings => $"\"{string.Join(",", tensor.Strings.Values)}\"",
            TensorValue.ValueOneofCase.Ints => Join(tensor.Ints.Values),
            TensorValue.ValueOneofCase.Floats when tensor.Floats.Values.Count <= 4 => Join(tensor.Floats.Values.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))),
            TensorValue.ValueOneofCase.Bytes when type.DataType == DataType.Float16 && tensor.Bytes.Values.Length <= 8 => Join(Halves(tensor.Bytes.Values.Span)),
            _ => MilProgramCheck.Describe(type).Replace(" ", "", StringComparison.Ordinal),
        };
    }

    private static List<string> Halves(ReadOnlySpan<byte> bytes)
    {
        var values = new List<string>();
        for (int i = 0; i + 1 < bytes.Length; i += 2)
        {
            values.Add(((float)System.Buffers.Binary.BinaryPrimitives.ReadHalfLittleEndian(bytes[i..])).ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }
}
