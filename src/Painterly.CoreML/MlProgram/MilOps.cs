namespace Painterly.CoreML.MlProgram;

/// <summary>
/// The MIL operations this project writes, reads and interprets, each with the inputs the iOS 15 opset requires
/// (Apple's validator rejects an op without them).
/// </summary>
internal static class MilOps
{
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["const"] = [],
        ["cast"] = ["x", "dtype"],
        ["identity"] = ["x"],
        ["conv"] = ["x", "weight"],
        ["conv_transpose"] = ["x", "weight"],
        ["pad"] = ["x", "pad"],
        ["crop"] = ["x", "crop_height", "crop_width"],
        ["instance_norm"] = ["x"],
        ["batch_norm"] = ["x", "mean", "variance"],
        ["upsample_nearest_neighbor"] = ["x"],
        ["space_to_depth"] = ["x", "block_size"],
        ["depth_to_space"] = ["x", "block_size"],
        ["pixel_shuffle"] = ["x", "upscale_factor"],
        ["relu"] = ["x"],
        ["tanh"] = ["x"],
        ["sigmoid"] = ["x"],
        ["abs"] = ["x"],
        ["exp"] = ["x"],
        ["linear_activation"] = ["x", "alpha"],
        ["threshold"] = ["x", "alpha"],
        ["inverse"] = ["x"],
        ["clip"] = ["x", "alpha", "beta"],
        ["add"] = ["x", "y"],
        ["mul"] = ["x", "y"],
    };

    /// <summary>The specification version an opset name needs (CoreML5 = iOS 15 = 6 ... CoreML8 = iOS 18 = 9), or 0.</summary>
    public static int SpecificationVersionOf(string opset) => opset switch
    {
        "CoreML5" => 6,
        "CoreML6" => 7,
        "CoreML7" => 8,
        "CoreML8" => 9,
        _ => 0,
    };
}
