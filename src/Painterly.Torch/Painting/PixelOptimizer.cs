using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Painterly.Torch.Painting;

/// <summary>Steps the pixels with L-BFGS or Adam, one loss evaluation per step, and keeps them in 0-255.</summary>
internal sealed class PixelOptimizer : IDisposable
{
    private readonly Parameter pixels;
    private readonly optim.Optimizer optimizer;

    public PixelOptimizer(Parameter pixels, PaintOptimizer kind, double learningRate)
    {
        this.pixels = pixels;
        optimizer = kind == PaintOptimizer.Lbfgs
            // One iteration per step so progress and snapshots can run between them; the curvature history
            // lives in the optimizer's state and carries over. Tolerances 0: the caller decides when to stop.
            ? optim.LBFGS([pixels], lr: learningRate, max_iter: 1, max_eval: 1, tolerange_grad: 0, tolerance_change: 0, history_size: 100)
            : optim.Adam([pixels], lr: learningRate);
    }

    /// <summary>One step on the loss that <paramref name="loss"/> computes from the pixels.</summary>
    public void Step(Func<Tensor> loss)
    {
        using (var scope = NewDisposeScope())
        {
            optimizer.step(() =>
            {
                optimizer.zero_grad();
                var total = loss();
                total.backward();
                // The native optimizer keeps the returned tensor: hand it a graph-free copy.
                return total.detach();
            })?.Dispose();
        }

        // Clamped after the step (not inside the graph) so gradients never vanish at the range's edges.
        using var noGrad = no_grad();
        pixels.clamp_(0, 255);
    }

    /// <inheritdoc/>
    public void Dispose() => optimizer.Dispose();
}
