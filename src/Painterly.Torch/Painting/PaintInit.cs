namespace Painterly.Torch.Painting;

/// <summary>What the optimisation starts from.</summary>
public enum PaintInit
{
    /// <summary>The content photo: keeps its structure best, converges fastest.</summary>
    Content,

    /// <summary>Seeded Gaussian noise around mid-grey: more freedom, looser structure.</summary>
    Noise,
}
