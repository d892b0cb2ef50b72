using Painterly.Onnx;

namespace Painterly.CoreML.Converting;

/// <summary>
/// Evaluates ONNX nodes whose inputs are all constant (and Shape of runtime tensors, whose size is known at the
/// converted size), so that the pads, scales and sizes PyTorch computes in the graph become plain numbers.
/// </summary>
internal static class ConstantFolder
{
    /// <summary>Operators that fold when their inputs are constant.</summary>
    public static readonly IReadOnlySet<string> Ops = new HashSet<string>(StringComparer.Ordinal)
    {
        "Constant", "Identity", "Shape", "Size", "Gather", "ConstantOfShape", "Concat", "Slice", "Reshape", "Transpose", "Cast",
        "Unsqueeze", "Squeeze", "Add", "Sub", "Mul", "Div", "Floor", "Ceil", "Neg", "Sqrt", "Range", "Equal", "Where", "Expand",
    };

    /// <summary>Folds <paramref name="node"/> if it can; true when its outputs became constants.</summary>
    public static bool TryFold(OnnxNode node, ConversionState state, long opset)
    {
        if (!Ops.Contains(node.OpType) || node.Outputs.Count != 1)
        {
            return false;
        }

        if (node.OpType is "Shape" or "Size" && node.Inputs.Count == 1 && state.Runtime.TryGetValue(node.Inputs[0], out var runtime))
        {
            state.UsedRuntimeShape = true;
            var shape = ConstantTensor.Vector(runtime.Shape);
            state.Constants[node.Outputs[0]] = node.OpType == "Size" ? ConstantTensor.Scalar(shape.Values.Aggregate(1.0, (a, b) => a * b), false) : ShapeSlice(node, shape);
            return true;
        }

        if (!node.Inputs.All(state.IsConstant))
        {
            return false;
        }

        state.Constants[node.Outputs[0]] = Evaluate(node, state, opset);
        return true;
    }

    private static ConstantTensor Evaluate(OnnxNode node, ConversionState state, long opset)
    {
        ConstantTensor In(int i) => state.Constant(node, i);
        ConstantTensor? Optional(int i) => state.OptionalConstant(node, i);
        long[]? Ints(string name, int input) => opset >= 13 || node.IntsAttribute(name) is null ? Optional(input)?.Longs() ?? node.IntsAttribute(name) : node.IntsAttribute(name);
        switch (node.OpType)
        {
            case "Constant":
                return ConstantValue(node);
            case "Identity":
                return In(0);
            case "Shape":
                return ShapeSlice(node, ConstantTensor.Vector(In(0).Shape));
            case "Size":
                return ConstantTensor.Scalar(In(0).Values.Length, false);
            case "Gather":
                return ConstantOps.Gather(In(0), In(1), (int)node.IntAttribute("axis", 0));
            case "ConstantOfShape":
                var fill = node.Attributes.TryGetValue("value", out var v) && v is OnnxTensor t ? ConstantTensor.From(t) : ConstantTensor.Scalar(0, true);
                long[] shape = In(0).Longs();
                return new ConstantTensor(shape, Enumerable.Repeat(fill.Values[0], (int)ConstantOps.Count(shape)).ToArray(), fill.IsFloat);
            case "Concat":
                return ConstantOps.Concat([.. node.Inputs.Select((_, i) => In(i))], (int)node.IntAttribute("axis", 0));
            case "Slice":
                return Slice(node, state, opset);
            case "Reshape":
                return ConstantOps.Reshape(In(0), In(1).Longs(), node.IntAttribute("allowzero", 0) != 0);
            case "Transpose":
                return ConstantOps.Transpose(In(0), node.IntsAttribute("perm"));
            case "Cast":
                bool toFloat = node.IntAttribute("to", 1) is 1 or 10 or 11 or 16;
                var x = In(0);
                return new ConstantTensor(x.Shape, toFloat ? x.Values : [.. x.Values.Select(Math.Truncate)], toFloat);
            case "Unsqueeze":
                return ConstantOps.Unsqueeze(In(0), Ints("axes", 1) ?? throw Missing(node, "axes"));
            case "Squeeze":
                return ConstantOps.Squeeze(In(0), Ints("axes", 1));
            case "Add":
                return Arithmetic(In(0), In(1), (a, b) => a + b);
            case "Sub":
                return Arithmetic(In(0), In(1), (a, b) => a - b);
            case "Mul":
                return Arithmetic(In(0), In(1), (a, b) => a * b);
            case "Div":
                bool isFloat = In(0).IsFloat || In(1).IsFloat;
                return ConstantOps.Broadcast(In(0), In(1), (a, b) => isFloat ? a / b : Math.Truncate(a / b), isFloat);
            case "Floor":
                return ConstantOps.Map(In(0), Math.Floor);
            case "Ceil":
                return ConstantOps.Map(In(0), Math.Ceiling);
            case "Neg":
                return ConstantOps.Map(In(0), a => -a);
            case "Sqrt":
                return ConstantOps.Map(In(0), Math.Sqrt);
            case "Equal":
                return ConstantOps.Broadcast(In(0), In(1), (a, b) => a == b ? 1 : 0, false);
            case "Where":
                var condition = ConstantOps.Broadcast(In(0), In(1), (c, a) => c != 0 ? a : double.NaN, In(1).IsFloat);
                return ConstantOps.Broadcast(condition, In(2), (a, b) => double.IsNaN(a) ? b : a, In(1).IsFloat);
            case "Expand":
                var target = In(1).Longs();
                return ConstantOps.Broadcast(In(0), new ConstantTensor(target, new double[ConstantOps.Count(target)], false), (a, _) => a, In(0).IsFloat);
            case "Range":
                double start = In(0).Values[0], limit = In(1).Values[0], delta = In(2).Values[0];
                int count = (int)Math.Max(0, Math.Ceiling((limit - start) / delta));
                return ConstantTensor.Vector(Enumerable.Range(0, count).Select(i => start + (i * delta)), In(0).IsFloat);
            default:
                throw new InvalidOperationException($"No folding for {node.OpType}.");
        }
    }

    private static ConstantTensor Arithmetic(ConstantTensor a, ConstantTensor b, Func<double, double, double> op) =>
        ConstantOps.Broadcast(a, b, op, a.IsFloat || b.IsFloat);

    private static ConstantTensor ConstantValue(OnnxNode node)
    {
        foreach (var (name, value) in node.Attributes)
        {
            switch (name, value)
            {
                case ("value", OnnxTensor tensor):
                    return ConstantTensor.From(tensor);
                case ("value_float", float f):
                    return ConstantTensor.Scalar(f, true);
                case ("value_floats", float[] fs):
                    return ConstantTensor.Vector(fs.Select(f => (double)f), true);
                case ("value_int", long i):
                    return ConstantTensor.Scalar(i, false);
                case ("value_ints", long[] longs):
                    return ConstantTensor.Vector(longs);
            }
        }

        throw Missing(node, "value");
    }

    private static ConstantTensor ShapeSlice(OnnxNode node, ConstantTensor shape)
    {
        int rank = shape.Values.Length;
        long start = node.IntAttribute("start", 0), end = node.IntAttribute("end", rank);
        start = Math.Clamp(start < 0 ? start + rank : start, 0, rank);
        end = Math.Clamp(end < 0 ? end + rank : end, 0, rank);
        return ConstantTensor.Vector(shape.Longs().Skip((int)start).Take((int)Math.Max(0, end - start)));
    }

    private static ConstantTensor Slice(OnnxNode node, ConversionState state, long opset)
    {
        var data = state.Constant(node, 0);
        long[] starts, ends;
        long[]? axes, steps = null;
        if (opset < 10)
        {
            starts = node.IntsAttribute("starts") ?? throw Missing(node, "starts");
            ends = node.IntsAttribute("ends") ?? throw Missing(node, "ends");
            axes = node.IntsAttribute("axes");
        }
        else
        {
            starts = state.Constant(node, 1).Longs();
            ends = state.Constant(node, 2).Longs();
            axes = state.OptionalConstant(node, 3)?.Longs();
            steps = state.OptionalConstant(node, 4)?.Longs();
        }

        axes ??= [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)];
        steps ??= [.. Enumerable.Repeat(1L, starts.Length)];
        return ConstantOps.Slice(data, starts, ends, axes, steps);
    }

    private static InvalidDataException Missing(OnnxNode node, string what) =>
        new($"ONNX node '{node.Label}' ({node.OpType}) lacks its '{what}'.");
}
