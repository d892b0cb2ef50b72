namespace Painterly.Torch.Losses;

/// <summary>Finds the ResNet-18 ONNX file that the build copies beside the program from its NuGet package.</summary>
public static class ResNet18File
{
    /// <summary>NuGet package that holds the file (MIT licence).</summary>
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";

    /// <summary>Package version the build downloads.</summary>
    public const string PackageVersion = "0.23.1";

    /// <summary>Environment variable that overrides the location.</summary>
    public const string EnvironmentVariable = "PAINTERLY_RESNET18_ONNX";

    /// <summary>Path of the file relative to the program folder.</summary>
    public static readonly string RelativePath = Path.Combine("lossnets", "resnet18.onnx");

    /// <summary>The file's path: the override, the copy beside the program, or the NuGet cache.</summary>
    /// <exception cref="FileNotFoundException">None exists.</exception>
    public static string Locate()
    {
        var candidates = new List<string>();
        string? overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            candidates.Add(overridden);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, RelativePath));
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        candidates.Add(Path.Combine(packages, PackageId.ToLowerInvariant(), PackageVersion, "tools", "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The ResNet-18 loss network ({RelativePath}) is missing; rebuild Painterly (it comes from NuGet package {PackageId} {PackageVersion}) or set {EnvironmentVariable}.",
                candidates[^1]);
    }
}
