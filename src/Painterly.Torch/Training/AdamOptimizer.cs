using Painterly.Core.Models;
using static TorchSharp.torch;

namespace Painterly.Torch.Training;

/// <summary>
/// Adam (PyTorch's formulation, no weight decay) with its moments exposed by parameter name, so a checkpoint can
/// hold them in the same safetensors file as the weights and a resumed run continues bit for bit.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    private readonly (string Name, Tensor Parameter, Tensor M, Tensor V)[] slots;

    public AdamOptimizer(IEnumerable<(string Name, Tensor Parameter)> parameters, double learningRate)
    {
        LearningRate = learningRate;
        slots = [.. parameters.Select(p => (p.Name, p.Parameter, zeros_like(p.Parameter), zeros_like(p.Parameter)))];
    }

    public double LearningRate { get; }

    /// <summary>Steps taken (the bias correction depends on it).</summary>
    public long StepCount { get; set; }

    public void ZeroGrad()
    {
        foreach (var slot in slots)
        {
            slot.Parameter.grad?.zero_();
        }
    }

    /// <summary>Applies the gradients; returns false and changes nothing when any gradient is not finite.</summary>
    public bool Step()
    {
        using (var check = NewDisposeScope())
        {
            foreach (var (_, parameter, _, _) in slots)
            {
                if (parameter.grad is { } g && !g.isfinite().all().item<bool>())
                {
                    return false;
                }
            }
        }

        StepCount++;
        double correction1 = 1 - Math.Pow(Beta1, StepCount), correction2 = 1 - Math.Pow(Beta2, StepCount);
        double stepSize = LearningRate / correction1;
        using var noGrad = no_grad();
        foreach (var (_, parameter, m, v) in slots)
        {
            using var grad = parameter.grad;
            if (grad is null)
            {
                continue;
            }

            m.mul_(Beta1).add_(grad, alpha: 1 - Beta1);
            v.mul_(Beta2).addcmul_(grad, grad, value: 1 - Beta2);
            using var denominator = v.div(correction2).sqrt_().add_(Epsilon);
            parameter.addcdiv_(m, denominator, value: -stepSize);
        }

        return true;
    }

    /// <summary>The moments as named tensors for a checkpoint.</summary>
    public IEnumerable<(string Name, FloatTensor Tensor)> State() => slots.SelectMany(s => new[]
    {
        ($"adam.m.{s.Name}", TensorConversion.ToFloatTensor(s.M)),
        ($"adam.v.{s.Name}", TensorConversion.ToFloatTensor(s.V)),
    });

    /// <summary>Restores the moments saved by <see cref="State"/>.</summary>
    public void Load(IReadOnlyDictionary<string, FloatTensor> state)
    {
        using var noGrad = no_grad();
        foreach (var (name, _, m, v) in slots)
        {
            TensorConversion.CopyInto(m, state[$"adam.m.{name}"]);
            TensorConversion.CopyInto(v, state[$"adam.v.{name}"]);
        }
    }

    public void Dispose()
    {
        foreach (var slot in slots)
        {
            slot.M.Dispose();
            slot.V.Dispose();
        }
    }
}
