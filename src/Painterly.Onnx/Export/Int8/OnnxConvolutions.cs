using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>
/// Emits Conv nodes: float32, or, for the convolutions an <see cref="OnnxInt8Calibration"/> lists, wrapped in
/// QuantizeLinear/DequantizeLinear pairs that ONNX Runtime fuses into one QLinearConv.
/// </summary>
internal sealed class OnnxConvolutions(OnnxGraphBuilder graph, OnnxWeightInitializers weights, OnnxInt8Calibration? int8)
{
    /// <summary>Where the float32 weights come from.</summary>
    public OnnxWeightInitializers Weights => weights;

    /// <summary>Adds the convolution <paramref name="name"/> of <paramref name="pad"/>(<paramref name="x"/>); returns its float32 output.</summary>
    /// <param name="stage">The StyleNet stage computed (e.g. <c>res1.conv1</c>), the calibration key; a stage may take several convolutions.</param>
    /// <param name="name">Node name.</param>
    /// <param name="x">Float32 input.</param>
    /// <param name="pad">
    /// Adds the padding node for a value. In int8 it pads the quantized input: padding commutes with quantization
    /// and moves a quarter of the bytes.
    /// </param>
    /// <param name="weight">Name and value of the <c>[O, C, k, k]</c> kernel (the name is the float32 initializer's).</param>
    /// <param name="bias">Name and value of the <c>[O]</c> bias.</param>
    /// <param name="attributes">Conv attributes.</param>
    public string Add(string stage, string name, string x, Func<string, string> pad, (string Name, FloatTensor Value) weight, (string Name, FloatTensor Value) bias, params AttributeProto[] attributes)
    {
        if (!IsQuantized(stage))
        {
            return graph.Node("Conv", name, [pad(x), weights.Float32(weight.Name, weight.Value), weights.Float32(bias.Name, bias.Value)], attributes);
        }

        string quantized = AddQuantized(stage, name, pad(QuantizeInput(stage, name + "/input", x)), weight, bias, attributes);
        return DequantizeOutput(stage, name + "/output", quantized);
    }

    /// <summary>Whether <paramref name="stage"/> runs in int8 (its calibration is listed).</summary>
    public bool IsQuantized(string stage) => int8 is not null && int8.Convs.ContainsKey(stage);

    /// <summary>The uint8 form of <paramref name="x"/> at the input range of the int8 <paramref name="stage"/>.</summary>
    public string QuantizeInput(string stage, string prefix, string x)
    {
        var (scale, zero) = Ranges(stage).Input.UInt8();
        return Quantize(prefix, x, scale, zero);
    }

    /// <summary>The float32 value of <paramref name="quantized"/>, an output of the int8 <paramref name="stage"/>.</summary>
    public string DequantizeOutput(string stage, string prefix, string quantized)
    {
        var (scale, zero) = Ranges(stage).Output.UInt8();
        return Dequantize(prefix, quantized, scale, zero);
    }

    /// <summary>
    /// Adds the int8 convolution <paramref name="name"/> of <paramref name="quantized"/> (uint8 at the stage's input
    /// range, e.g. from <see cref="QuantizeInput"/>); returns its output in uint8 at the stage's output range.
    /// </summary>
    /// <param name="stage">The StyleNet stage computed, the calibration key.</param>
    /// <param name="name">Node name.</param>
    /// <param name="quantized">The uint8 input, already padded.</param>
    /// <param name="weight">Name and value of the <c>[O, C, k, k]</c> kernel.</param>
    /// <param name="bias">Name and value of the <c>[O]</c> bias.</param>
    /// <param name="attributes">Conv attributes.</param>
    public string AddQuantized(string stage, string name, string quantized, (string Name, FloatTensor Value) weight, (string Name, FloatTensor Value) bias, params AttributeProto[] attributes)
    {
        var ranges = Ranges(stage);
        var (xScale, xZero) = ranges.Input.UInt8();
        var (wQuantized, wScales) = QuantizeWeight(weight.Value);
        long outputs = weight.Value.Shape[0];
        // Bias in int32 at scale x_scale * w_scale: ORT fuses a Conv only when every input comes from a DequantizeLinear.
        var bScales = wScales.Select(s => s * xScale).ToArray();
        var bQuantized = bias.Value.Data.Select((b, o) => (int)Math.Clamp(Math.Round(b / (double)bScales[o]), int.MinValue, int.MaxValue)).ToArray();

        string input = Dequantize(name + "/input", quantized, xScale, xZero);
        string w = graph.Node("DequantizeLinear", name + "/weight/dequantize",
        [
            graph.Initializer(OnnxTensors.Int8(name + "/weight/quantized", weight.Value.Shape.Select(d => (long)d), wQuantized)),
            graph.Initializer(OnnxTensors.Float(name + "/weight/scale", [outputs], wScales)),
            graph.Initializer(OnnxTensors.Int8(name + "/weight/zero_point", [outputs], new sbyte[outputs])),
        ], [OnnxAttributes.Int("axis", 0)]);
        string b = graph.Node("DequantizeLinear", name + "/bias/dequantize",
        [
            graph.Initializer(OnnxTensors.Int32(name + "/bias/quantized", [outputs], bQuantized)),
            graph.Initializer(OnnxTensors.Float(name + "/bias/scale", [outputs], bScales)),
            graph.Initializer(OnnxTensors.Int32(name + "/bias/zero_point", [outputs], new int[outputs])),
        ], [OnnxAttributes.Int("axis", 0)]);
        string conv = graph.Node("Conv", name, [input, w, b], attributes);

        // A quantized output completes the DQ -> Conv -> Q group that becomes QLinearConv.
        var (yScale, yZero) = ranges.Output.UInt8();
        return Quantize(name + "/output", conv, yScale, yZero);
    }

    /// <summary>Symmetric int8 per output channel: scale = max |w| / 127, zero point 0.</summary>
    private static (sbyte[] Values, float[] Scales) QuantizeWeight(FloatTensor weight)
    {
        int outputs = weight.Shape[0], perOutput = weight.Data.Length / outputs;
        var values = new sbyte[weight.Data.Length];
        var scales = new float[outputs];
        for (int o = 0; o < outputs; o++)
        {
            var kernel = weight.Data.AsSpan(o * perOutput, perOutput);
            float maxAbs = 0;
            foreach (float v in kernel)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(v));
            }

            scales[o] = maxAbs > 0 ? maxAbs / 127f : 1f;
            for (int i = 0; i < perOutput; i++)
            {
                values[(o * perOutput) + i] = (sbyte)Math.Clamp(MathF.Round(kernel[i] / scales[o]), -127f, 127f);
            }
        }

        return (values, scales);
    }

    private OnnxConvRanges Ranges(string stage) =>
        int8 is not null && int8.Convs.TryGetValue(stage, out var ranges) ? ranges : throw new InvalidOperationException($"Stage '{stage}' has no int8 calibration.");

    private string Quantize(string prefix, string x, float scale, byte zeroPoint) =>
        graph.Node("QuantizeLinear", prefix + "/quantize", [x, ScaleAndZero(prefix, scale, zeroPoint).Scale, ScaleAndZero(prefix, scale, zeroPoint).Zero]);

    private string Dequantize(string prefix, string q, float scale, byte zeroPoint) =>
        graph.Node("DequantizeLinear", prefix + "/dequantize", [q, ScaleAndZero(prefix, scale, zeroPoint).Scale, ScaleAndZero(prefix, scale, zeroPoint).Zero]);

    private (string Scale, string Zero) ScaleAndZero(string prefix, float scale, byte zeroPoint) =>
        (graph.Initializer(OnnxTensors.FloatScalar(prefix + "/scale", scale)), graph.Initializer(OnnxTensors.UInt8Scalar(prefix + "/zero_point", zeroPoint)));
}
