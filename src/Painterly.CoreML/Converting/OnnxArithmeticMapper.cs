using Painterly.CoreML.Specification;
using Painterly.Onnx;

namespace Painterly.CoreML.Converting;

/// <summary>
/// Maps Add, Sub, Mul and Div with at least one runtime operand: with a scalar constant to a linear activation,
/// with a per-channel constant to a scale or bias layer, two tensors of one shape to add or multiply layers.
/// </summary>
internal static class OnnxArithmeticMapper
{
    public static void Map(OnnxNode node, ConversionState state)
    {
        bool firstConstant = state.IsConstant(node.Inputs[0]), secondConstant = state.IsConstant(node.Inputs[1]);
        if (!firstConstant && !secondConstant)
        {
            TwoTensors(node, state);
            return;
        }

        var x = state.Tensor(node, firstConstant ? 1 : 0);
        var c = state.Constant(node, firstConstant ? 0 : 1);
        bool constantFirst = firstConstant;
        if (c.Values.Length == 1 && c.Rank <= 4)
        {
            float v = (float)c.Values[0];
            var (alpha, beta) = (node.OpType, constantFirst) switch
            {
                ("Add", _) => (1f, v),
                ("Sub", false) => (1f, -v),
                ("Sub", true) => (-1f, v),
                ("Mul", _) => (v, 0f),
                ("Div", false) => (1f / v, 0f),
                _ => throw OnnxLayerMapper.Unsupported(node, "a constant divided by a tensor"),
            };
            var linear = ConvertedLayers.Layer(OnnxLayerMapper.Name(node), [x.Blob]);
            linear.Activation = ConvertedLayers.Linear(alpha, beta);
            OnnxLayerMapper.Emit(node, state, linear, x.Channels, x.Height, x.Width);
            return;
        }

        if (!IsPerChannel(c, x.Channels))
        {
            throw OnnxLayerMapper.Unsupported(node, $"a constant of shape [{string.Join(", ", c.Shape)}]; only scalars and per-channel [C, 1, 1] constants map");
        }

        float[] values = c.Weights(node, "constant");
        var layer = ConvertedLayers.Layer(OnnxLayerMapper.Name(node), [x.Blob]);
        switch (node.OpType, constantFirst)
        {
            case ("Add", _):
                layer.Bias = ConvertedLayers.Bias(values, state.Fp16, layer.Name);
                break;
            case ("Sub", false):
                layer.Bias = ConvertedLayers.Bias([.. values.Select(v => -v)], state.Fp16, layer.Name);
                break;
            case ("Sub", true):
                layer.Scale = ConvertedLayers.Scale([.. values.Select(_ => -1f)], values, state.Fp16, layer.Name);
                break;
            case ("Mul", _):
                layer.Scale = ConvertedLayers.Scale(values, null, state.Fp16, layer.Name);
                break;
            case ("Div", false):
                layer.Scale = ConvertedLayers.Scale([.. values.Select(v => 1f / v)], null, state.Fp16, layer.Name);
                break;
            default:
                throw OnnxLayerMapper.Unsupported(node, "a constant divided by a tensor");
        }

        OnnxLayerMapper.Emit(node, state, layer, x.Channels, x.Height, x.Width);
    }

    private static bool IsPerChannel(ConstantTensor c, int channels) =>
        c.Values.Length == channels && c.Rank is 1 or 3 or 4 && c.Shape[^Math.Min(c.Rank, 3)] == channels;

    private static void TwoTensors(OnnxNode node, ConversionState state)
    {
        var a = state.Tensor(node, 0);
        var b = state.Tensor(node, 1);
        if (a.Shape.AsSpan().SequenceCompareTo(b.Shape) != 0)
        {
            throw OnnxLayerMapper.Unsupported(node, $"tensors of shapes [{string.Join(", ", a.Shape)}] and [{string.Join(", ", b.Shape)}]; two tensors must have one shape");
        }

        string second = b.Blob;
        if (node.OpType == "Sub")
        {
            var negate = ConvertedLayers.Layer(OnnxLayerMapper.Name(node) + "/negate", [b.Blob]);
            negate.Activation = ConvertedLayers.Linear(-1f, 0f);
            second = state.Add(negate);
        }
        else if (node.OpType == "Div")
        {
            var inverse = ConvertedLayers.Layer(OnnxLayerMapper.Name(node) + "/inverse", [b.Blob]);
            inverse.Unary = new UnaryFunctionLayerParams { Type = UnaryFunctionLayerParams.Types.Operation.Inverse, Scale = 1f };
            second = state.Add(inverse);
        }

        var layer = ConvertedLayers.Layer(OnnxLayerMapper.Name(node), [a.Blob, second]);
        if (node.OpType is "Mul" or "Div")
        {
            layer.Multiply = new MultiplyLayerParams();
        }
        else
        {
            layer.Add = new AddLayerParams();
        }

        OnnxLayerMapper.Emit(node, state, layer, a.Channels, a.Height, a.Width);
    }
}
