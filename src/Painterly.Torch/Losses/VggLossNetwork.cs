using Painterly.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Losses;

/// <summary>
/// torchvision VGG-16 or VGG-19 <c>features</c> up to relu4_3, with weights the user supplies under torchvision's
/// names (<c>features.N.weight</c>/<c>bias</c>), frozen. Taps as pytorch/examples: relu1_2, relu2_2, relu3_3,
/// relu4_3; content relu2_2. Input is scaled to 0-1 and normalised with the ImageNet mean and std.
/// </summary>
public sealed class VggLossNetwork : LossNetwork
{
    private static readonly string[] Taps = ["relu1_2", "relu2_2", "relu3_3", "relu4_3"];
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    private readonly Sequential features;
    private readonly int[] tapIndices;
    private readonly Tensor mean;
    private readonly Tensor std;
    private readonly string kind;

    private VggLossNetwork(string kind, IReadOnlyDictionary<string, FloatTensor> weights, string source)
        : base(nameof(VggLossNetwork))
    {
        this.kind = kind;
        // torchvision's features layout; "M" is a 2x2 max-pool. Only the layers up to relu4_3 are built.
        int[] convsPerStage = kind == "vgg19" ? [2, 2, 4, 4] : [2, 2, 3, 3];
        int[] widths = [64, 128, 256, 512];
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var taps = new List<int>();
        long inChannels = 3;
        for (int stage = 0; stage < 4; stage++)
        {
            if (stage > 0)
            {
                layers.Add(($"{layers.Count}", MaxPool2d(2, 2)));
            }

            for (int c = 0; c < convsPerStage[stage]; c++)
            {
                string name = $"{layers.Count}";
                var conv = Conv2d(inChannels, widths[stage], 3, padding: 1L);
                Load(conv, weights, $"features.{name}", source);
                layers.Add((name, conv));
                layers.Add(($"{layers.Count}", ReLU()));
                inChannels = widths[stage];
                // The tap is relu<stage>_2 for the first two stages and relu<stage>_3 after.
                if (c == (stage < 2 ? 1 : 2))
                {
                    taps.Add(layers.Count - 1);
                }
            }
        }

        features = Sequential(layers.Take(taps[^1] + 1));
        tapIndices = [.. taps];
        mean = tensor(ImageNetMean, [1, 3, 1, 1]);
        std = tensor(ImageNetStd, [1, 3, 1, 1]);
        RegisterComponents();
        ContentTap = 1;
        StyleTaps = [0, 1, 2, 3];
        Freeze();
    }

    /// <summary>Loads <paramref name="kind"/> (<c>vgg16</c> or <c>vgg19</c>) weights from a .pth or .safetensors file.</summary>
    /// <exception cref="InvalidDataException">A weight is missing or has the wrong shape.</exception>
    public static VggLossNetwork Load(string kind, string path)
    {
        if (kind is not ("vgg16" or "vgg19"))
        {
            throw new ArgumentException($"Unknown VGG kind '{kind}'; use vgg16 or vgg19.", nameof(kind));
        }

        return new VggLossNetwork(kind, ReadWeights(path), path);
    }

    /// <inheritdoc/>
    public override string Kind => kind;

    /// <inheritdoc/>
    public override IReadOnlyList<string> TapNames => Taps;

    /// <inheritdoc/>
    /// <remarks>pytorch/examples' fast_neural_style defaults; it has no total variation term.</remarks>
    public override LossWeights DefaultWeights => new(Content: 1e5, Style: 1e10, TotalVariation: 0);

    /// <inheritdoc/>
    public override int SizeMultiple => 8;

    /// <inheritdoc/>
    public override int DefaultJitter => 0;

    /// <inheritdoc/>
    public override Tensor[] forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.div(255f).sub_(mean.to(input.device)).div_(std.to(input.device));
        var taps = new List<Tensor>();
        int index = 0;
        foreach (var layer in features.children())
        {
            x = ((Module<Tensor, Tensor>)layer).call(x);
            if (tapIndices.Contains(index))
            {
                taps.Add(x.MoveToOuterDisposeScope());
            }

            index++;
        }

        return [.. taps];
    }

    private static IReadOnlyDictionary<string, FloatTensor> ReadWeights(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"VGG weights file '{path}' does not exist.", path);
        }

        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            using var file = SafetensorsFile.Open(path);
            return file.Tensors.Where(t => t.Name.StartsWith("features.", StringComparison.Ordinal))
                .ToDictionary(t => t.Name, t => file.ReadFloat32(t.Name), StringComparer.Ordinal);
        }

        return Painterly.Core.PyTorch.TorchCheckpointReader.Read(path);
    }

    private static void Load(Conv2d conv, IReadOnlyDictionary<string, FloatTensor> weights, string prefix, string source)
    {
        using var noGrad = no_grad();
        foreach (var (suffix, target) in new[] { ("weight", conv.weight!), ("bias", conv.bias!) })
        {
            string name = $"{prefix}.{suffix}";
            if (!weights.TryGetValue(name, out var value))
            {
                throw new InvalidDataException($"VGG weights '{source}' lack '{name}'; expected torchvision's key names.");
            }

            if (!value.Shape.Select(d => (long)d).SequenceEqual(target.shape))
            {
                throw new InvalidDataException($"VGG weight '{name}' in '{source}' has shape [{string.Join(", ", value.Shape)}], expected [{string.Join(", ", target.shape)}].");
            }

            using var t = tensor(value.Data, target.shape);
            target.copy_(t);
        }
    }
}
