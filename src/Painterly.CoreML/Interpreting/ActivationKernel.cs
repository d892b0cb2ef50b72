using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// ActivationParams, element by element: linear alpha*x + beta, ReLU max(x, 0), tanh, scaledTanh
/// alpha*tanh(beta*x), sigmoid 1/(1 + e^-x).
/// </summary>
internal static class ActivationKernel
{
    public static Blob Run(string name, ActivationParams p, Blob x)
    {
        Func<float, float> f = p.NonlinearityTypeCase switch
        {
            ActivationParams.NonlinearityTypeOneofCase.Linear => v => (p.Linear.Alpha * v) + p.Linear.Beta,
            ActivationParams.NonlinearityTypeOneofCase.ReLU => static v => v > 0f ? v : 0f,
            ActivationParams.NonlinearityTypeOneofCase.Tanh => MathF.Tanh,
            ActivationParams.NonlinearityTypeOneofCase.ScaledTanh => v => p.ScaledTanh.Alpha * MathF.Tanh(p.ScaledTanh.Beta * v),
            ActivationParams.NonlinearityTypeOneofCase.Sigmoid => static v => 1f / (1f + MathF.Exp(-v)),
            _ => throw new NotSupportedException($"Layer '{name}' uses an activation this interpreter does not support (supported: linear, ReLU, tanh, scaledTanh, sigmoid)."),
        };
        return Map(x, f);
    }

    /// <summary>A new blob of f applied to every value.</summary>
    public static Blob Map(Blob x, Func<float, float> f)
    {
        var y = x.Like();
        for (int i = 0; i < x.Data.Length; i++)
        {
            y.Data[i] = f(x.Data[i]);
        }

        return y;
    }

    /// <summary>ClipLayerParams: min(max(x, minVal), maxVal).</summary>
    public static Blob Clip(string name, ClipLayerParams p, Blob x) => p.MinVal > p.MaxVal
        ? throw Invalid(name, $"clip minVal {p.MinVal} exceeds maxVal {p.MaxVal}.")
        : Map(x, v => Math.Min(Math.Max(v, p.MinVal), p.MaxVal));
}
