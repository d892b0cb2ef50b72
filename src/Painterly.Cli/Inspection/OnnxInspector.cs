using System.Globalization;
using Painterly.Onnx;

namespace Painterly.Cli.Inspection;

/// <summary>Describes an ONNX file: inputs and outputs, opsets, operators, weights and metadata.</summary>
internal static class OnnxInspector
{
    public static InspectReport Inspect(string path)
    {
        var summary = OnnxModelReader.ReadFile(path);
        var facts = new List<KeyValuePair<string, string>>
        {
            new("producer", $"{summary.ProducerName} {summary.ProducerVersion}".Trim()),
            new("ir version", summary.IrVersion.ToString(CultureInfo.InvariantCulture)),
            new("opsets", string.Join(", ", summary.OpsetImports.Select(o => $"{(o.Domain.Length == 0 ? "ai.onnx" : o.Domain)} {o.Version}"))),
            new("nodes", summary.NodeCount.ToString(CultureInfo.InvariantCulture)),
            new("initializers", summary.InitializerCount.ToString(CultureInfo.InvariantCulture)),
            new("parameters", summary.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)),
            new("weight bytes", summary.InitializerBytes.ToString("N0", CultureInfo.InvariantCulture)),
        };
        var io = summary.Inputs.Select(v => Row("input", v)).Concat(summary.Outputs.Select(v => Row("output", v))).ToList();
        var ops = summary.OpHistogram.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value.ToString(CultureInfo.InvariantCulture)]).ToList();
        return new InspectReport(
            path,
            "onnx",
            facts,
            [new InspectTable("inputs and outputs", ["kind", "name", "type", "shape"], io), new InspectTable("operators", ["op", "count"], ops)],
            summary.Metadata);
    }

    private static IReadOnlyList<string> Row(string kind, OnnxValueSummary value) =>
        [kind, value.Name, value.ElementType, value.Shape is null ? "any" : $"[{string.Join(", ", value.Shape)}]"];
}
