using Painterly.CoreML.Specification;
using Op = Painterly.CoreML.Specification.UnaryFunctionLayerParams.Types.Operation;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// UnaryFunctionLayerParams: first x = scale * x + shift (scale 0, i.e. unset, means 1), then SQRT sqrt(x),
/// RSQRT 1/sqrt(x + epsilon), INVERSE 1/(x + epsilon), POWER x^alpha, EXP e^x, LOG ln(x + epsilon), ABS |x|,
/// THRESHOLD max(x, alpha).
/// </summary>
internal static class UnaryKernel
{
    public static Blob Run(string name, UnaryFunctionLayerParams p, Blob x)
    {
        float scale = p.Scale == 0f ? 1f : p.Scale;
        float shift = p.Shift, alpha = p.Alpha, epsilon = p.Epsilon;
        Func<float, float> f = p.Type switch
        {
            Op.Sqrt => MathF.Sqrt,
            Op.Rsqrt => v => 1f / MathF.Sqrt(v + epsilon),
            Op.Inverse => v => 1f / (v + epsilon),
            Op.Power => v => MathF.Pow(v, alpha),
            Op.Exp => MathF.Exp,
            Op.Log => v => MathF.Log(v + epsilon),
            Op.Abs => MathF.Abs,
            Op.Threshold => v => Math.Max(v, alpha),
            _ => throw new NotSupportedException($"Layer '{name}' uses unary operation {(int)p.Type}, which this interpreter does not know."),
        };
        return ActivationKernel.Map(x, v => f((scale * v) + shift));
    }
}
