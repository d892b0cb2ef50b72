using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>
/// Accumulates a graph's nodes, initializers, inputs and outputs in topological order.
/// Each node's single output value is named after the node, so a runtime error names the layer.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> values = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name) => Graph = new GraphProto { Name = name };

    public GraphProto Graph { get; }

    /// <summary>Adds <paramref name="tensor"/> unless one of that name exists (shared constants); returns its name.</summary>
    public string Initializer(TensorProto tensor)
    {
        if (values.Add(tensor.Name))
        {
            Graph.Initializer.Add(tensor);
        }

        return tensor.Name;
    }

    /// <summary>Whether a value (input, initializer or node output) of that name exists.</summary>
    public bool Has(string name) => values.Contains(name);

    /// <summary>Adds a node whose output is named <paramref name="output"/>, or after the node; returns the output.</summary>
    /// <param name="opType">ONNX operator, default domain.</param>
    /// <param name="name">Node name, e.g. <c>conv1/conv</c>.</param>
    /// <param name="inputs">Input values; an empty string skips an optional input.</param>
    /// <param name="attributes">Node attributes.</param>
    /// <param name="output">Output value name when it must differ from the node name (graph outputs).</param>
    public string Node(string opType, string name, IEnumerable<string> inputs, IEnumerable<AttributeProto>? attributes = null, string? output = null)
    {
        output ??= name;
        var node = new NodeProto { OpType = opType, Name = name };
        foreach (var input in inputs)
        {
            if (input.Length > 0 && !values.Contains(input))
            {
                throw new InvalidOperationException($"Node '{name}' reads '{input}' before anything defines it.");
            }

            node.Input.Add(input);
        }

        if (!values.Add(output))
        {
            throw new InvalidOperationException($"Value '{output}' is defined twice.");
        }

        node.Output.Add(output);
        if (attributes is not null)
        {
            node.Attribute.Add(attributes);
        }

        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Declares a graph input.</summary>
    public string Input(string name, TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
    {
        if (!values.Add(name))
        {
            throw new InvalidOperationException($"Value '{name}' is defined twice.");
        }

        Graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>Declares a graph output; a node must already produce <paramref name="name"/>.</summary>
    public void Output(string name, TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
    {
        if (!values.Contains(name))
        {
            throw new InvalidOperationException($"Graph output '{name}' is never produced.");
        }

        Graph.Output.Add(ValueInfo(name, type, dims));
    }

    /// <summary>A fixed dimension.</summary>
    public static TensorShapeProto.Types.Dimension Dim(long value) => new() { DimValue = value };

    /// <summary>A symbolic dimension.</summary>
    public static TensorShapeProto.Types.Dimension Dim(string symbol) => new() { DimParam = symbol };

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(dims);
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
