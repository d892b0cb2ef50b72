namespace Painterly.Torch.Painting;

/// <summary>How the pixels are optimised.</summary>
public enum PaintOptimizer
{
    /// <summary>L-BFGS (Gatys et al.): converges in a few hundred iterations, one loss evaluation each.</summary>
    Lbfgs,

    /// <summary>Adam: smoother progress, needs more iterations.</summary>
    Adam,
}
