using System.Globalization;
using Painterly.CoreML;

namespace Painterly.Cli.Inspection;

/// <summary>Describes a Core ML <c>.mlmodel</c>: spec version and OS, images, preprocessing, layers, weights, metadata.</summary>
internal static class CoreMLInspector
{
    public static InspectReport Inspect(string path)
    {
        var s = CoreMLModelReader.Inspect(path);
        var facts = new List<KeyValuePair<string, string>>
        {
            new("specification version", s.SpecificationVersion.ToString(CultureInfo.InvariantCulture)),
            new("runs on", s.OperatingSystems + " or later"),
        };
        if (s.RequiredSpecificationVersion > s.SpecificationVersion)
        {
            facts.Add(new("warning", $"its layers need version {s.RequiredSpecificationVersion} ({CoreMLSpecVersion.OperatingSystems(s.RequiredSpecificationVersion)})"));
        }

        // Keys stay unique so the JSON keeps every entry.
        facts.AddRange(s.Inputs.Select(f => new KeyValuePair<string, string>($"input {f.Name}", $"{f.Kind} {f.Details}")));
        facts.AddRange(s.Outputs.Select(f => new KeyValuePair<string, string>($"output {f.Name}", $"{f.Kind} {f.Details}")));
        facts.AddRange(s.Preprocessing.Select((p, i) => new KeyValuePair<string, string>(i == 0 ? "preprocessing" : $"preprocessing {i + 1}", p)));
        facts.Add(new("layers", s.Layers.Count.ToString(CultureInfo.InvariantCulture)));
        facts.Add(new("parameters", s.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)));
        facts.Add(new("weights", $"{s.Float32Parameters.ToString("N0", CultureInfo.InvariantCulture)} fp32, {s.Float16Parameters.ToString("N0", CultureInfo.InvariantCulture)} fp16, {s.WeightBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes"));

        var layers = s.Layers.Select(l => (IReadOnlyList<string>)[l.Name, l.Type, string.Join(", ", l.Inputs), string.Join(", ", l.Outputs), l.Parameters, l.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)]).ToList();
        var counts = s.LayerTypeCounts.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value.ToString(CultureInfo.InvariantCulture)]).ToList();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string key, string value)
        {
            if (value.Length > 0)
            {
                metadata[key] = value;
            }
        }

        Put("description", s.ShortDescription);
        Put("author", s.Author);
        Put("license", s.License);
        Put("version", s.VersionString);
        foreach (var (key, value) in s.UserDefined)
        {
            metadata[key] = value;
        }

        return new InspectReport(
            path,
            "coreml (NeuralNetwork)",
            facts,
            [new InspectTable("layer types", ["type", "count"], counts), new InspectTable("layers", ["name", "type", "inputs", "outputs", "parameters", "weights"], layers)],
            metadata);
    }
}
