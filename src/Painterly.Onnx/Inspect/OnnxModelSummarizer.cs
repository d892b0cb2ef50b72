using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>Condenses a parsed <see cref="ModelProto"/> into an <see cref="OnnxModelSummary"/>.</summary>
internal static class OnnxModelSummarizer
{
    public static OnnxModelSummary Summarize(ModelProto model)
    {
        var graph = model.Graph ?? new GraphProto();
        var initializerNames = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var histogram = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            string key = node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}:{node.OpType}";
            histogram[key] = histogram.GetValueOrDefault(key) + 1;
        }

        long bytes = 0, parameters = 0;
        foreach (var tensor in graph.Initializer)
        {
            long elements = tensor.Dims.Aggregate(1L, (a, d) => a * Math.Max(d, 0));
            bytes += tensor.DataType == (int)TensorProto.Types.DataType.String
                ? tensor.StringData.Sum(s => (long)s.Length)
                : (elements * OnnxElementTypes.Bits(tensor.DataType) + 7) / 8;
            if (OnnxElementTypes.IsFloatingPoint(tensor.DataType))
            {
                parameters += elements;
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in model.MetadataProps)
        {
            metadata[entry.Key] = entry.Value;
        }

        return new OnnxModelSummary
        {
            IrVersion = model.IrVersion,
            ProducerName = model.ProducerName,
            ProducerVersion = model.ProducerVersion,
            GraphName = graph.Name,
            OpsetImports = model.OpsetImport.Select(o => new OnnxOpsetImport(o.Domain, o.Version)).ToList(),
            // IR < 4 files list every initializer as an input too; those are not for the caller to feed.
            Inputs = graph.Input.Where(i => !initializerNames.Contains(i.Name)).Select(Value).ToList(),
            Outputs = graph.Output.Select(Value).ToList(),
            NodeCount = graph.Node.Count,
            OpHistogram = histogram,
            InitializerCount = graph.Initializer.Count,
            InitializerBytes = bytes,
            ParameterCount = parameters,
            Metadata = metadata,
        };
    }

    private static OnnxValueSummary Value(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        if (tensor is null)
        {
            return new OnnxValueSummary(value.Name, "(not a tensor)", null);
        }

        var shape = tensor.Shape?.Dim
            .Select(d => new OnnxDimension(d.HasDimValue ? d.DimValue : null, d.HasDimParam ? d.DimParam : null))
            .ToList();
        return new OnnxValueSummary(value.Name, OnnxElementTypes.Name(tensor.ElemType), shape);
    }
}
