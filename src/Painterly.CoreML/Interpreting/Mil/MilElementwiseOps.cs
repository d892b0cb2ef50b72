namespace Painterly.CoreML.Interpreting.Mil;

/// <summary>
/// MIL element-wise ops: activations (relu, tanh, sigmoid, abs, exp, linear_activation alpha*x+beta, threshold
/// max(x, alpha), inverse 1/(x+epsilon), clip to [alpha, beta]) and add/mul of x with y, where y is a tensor of x's
/// shape, a scalar or a per-channel [1, C, 1, 1] constant (numpy broadcasting, as MIL).
/// </summary>
internal static class MilElementwiseOps
{
    public static Blob Unary(string type, MilOpInputs inputs)
    {
        var x = inputs.X;
        Func<float, float> f = type switch
        {
            "relu" => v => Math.Max(v, 0f),
            "tanh" => MathF.Tanh,
            "sigmoid" => v => 1f / (1f + MathF.Exp(-v)),
            "abs" => MathF.Abs,
            "exp" => MathF.Exp,
            "identity" => v => v,
            "linear_activation" => Linear(inputs.Scalar("alpha", 1f), inputs.Scalar("beta", 0f)),
            "threshold" => Threshold(inputs.Scalar("alpha", 0f)),
            "inverse" => Inverse(inputs.Scalar("epsilon", 1e-4f)),
            "clip" => Clip(inputs.Required("alpha").Scalar(inputs.Label, "alpha"), inputs.Required("beta").Scalar(inputs.Label, "beta"), inputs.Label),
            _ => throw new NotSupportedException($"MIL op '{inputs.Label}' ({type}) is not element-wise."),
        };
        return ActivationKernel.Map(x, f);
    }

    public static Blob Binary(string type, MilOpInputs inputs)
    {
        var x = inputs.X;
        var y = inputs.Required("y");
        Func<float, float, float> f = type == "add" ? static (a, b) => a + b : static (a, b) => a * b;
        var result = x.Like();
        var data = y.Floats ?? throw new InvalidDataException($"MIL op '{inputs.Label}': y must be a float tensor.");
        if (data.Length == 1)
        {
            float b = data[0];
            for (int i = 0; i < x.Data.Length; i++)
            {
                result.Data[i] = f(x.Data[i], b);
            }
        }
        else if (data.Length == x.Data.Length)
        {
            for (int i = 0; i < x.Data.Length; i++)
            {
                result.Data[i] = f(x.Data[i], data[i]);
            }
        }
        else if (data.Length == x.Channels && y.Shape is [1, _, 1, 1])
        {
            for (int c = 0; c < x.Channels; c++)
            {
                var input = x.Channel(c);
                var output = result.Channel(c);
                for (int i = 0; i < input.Length; i++)
                {
                    output[i] = f(input[i], data[c]);
                }
            }
        }
        else
        {
            throw new InvalidDataException($"MIL op '{inputs.Label}': cannot broadcast y of shape [{string.Join(", ", y.Shape)}] to x {x.ShapeText}.");
        }

        return result;
    }

    private static Func<float, float> Linear(float alpha, float beta) => v => (alpha * v) + beta;

    private static Func<float, float> Threshold(float alpha) => v => Math.Max(v, alpha);

    private static Func<float, float> Inverse(float epsilon) => v => 1f / (v + epsilon);

    private static Func<float, float> Clip(float low, float high, string label) => low <= high
        ? v => Math.Min(Math.Max(v, low), high)
        : throw new InvalidDataException($"MIL op '{label}': clip alpha {low} exceeds beta {high}.");
}
