using System.Globalization;
using Painterly.CoreML.MlProgram;

namespace Painterly.Cli.Inspection;

/// <summary>Describes a Core ML <c>.mlpackage</c>: spec version and OS, functions, images, op histogram and ops, weights, metadata.</summary>
internal static class MlPackageInspector
{
    public static InspectReport Inspect(string path)
    {
        var s = MlPackageSummary.Of(MlPackageReader.Read(path));
        var facts = new List<KeyValuePair<string, string>>
        {
            new("specification version", s.SpecificationVersion.ToString(CultureInfo.InvariantCulture)),
            new("runs on", s.OperatingSystems + " or later"),
            new("functions", string.Join(", ", s.Functions)),
        };

        // Keys stay unique so the JSON keeps every entry.
        facts.AddRange(s.Inputs.Select(f => new KeyValuePair<string, string>($"input {f.Name}", $"{f.Kind} {f.Details}")));
        facts.AddRange(s.Outputs.Select(f => new KeyValuePair<string, string>($"output {f.Name}", $"{f.Kind} {f.Details}")));
        facts.Add(new("ops", s.Ops.Count.ToString(CultureInfo.InvariantCulture) + " (and constants)"));
        facts.Add(new("weights", $"{s.Float32Values.ToString("N0", CultureInfo.InvariantCulture)} fp32, {s.Float16Values.ToString("N0", CultureInfo.InvariantCulture)} fp16 values; {s.WeightBlobs} blobs, weight.bin {s.WeightFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes"));

        var counts = s.OpCounts.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value.ToString(CultureInfo.InvariantCulture)]).ToList();
        var ops = s.Ops.Select(o => (IReadOnlyList<string>)[o.Output, o.Type, o.Inputs, o.OutputType]).ToList();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in s.Metadata)
        {
            metadata[key] = value;
        }

        return new InspectReport(
            path,
            "mlpackage (ML Program)",
            facts,
            [new InspectTable("op types", ["type", "count"], counts), new InspectTable("ops", ["output", "type", "inputs", "type of output"], ops)],
            metadata);
    }
}
