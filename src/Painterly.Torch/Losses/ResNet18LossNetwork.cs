using Painterly.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Painterly.Torch.Losses;

/// <summary>
/// ImageNet ResNet-18 (up to layer3) from the CNTK ONNX export in <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>,
/// batch norm folded into the convolutions, frozen. Taps: <c>stem</c> (ReLU after the 7x7 conv), <c>layer1</c>,
/// <c>layer2</c>, <c>layer3</c>. Default content tap: <c>layer1</c>; style: all four.
/// </summary>
public sealed class ResNet18LossNetwork : LossNetwork
{
    /// <summary>Per-channel mean of the package's ResNetPreprocess.onnx mean image, in its BGR order.</summary>
    public static readonly float[] BgrMean = [103.06262f, 115.902885f, 123.15163f];

    private static readonly string[] Taps = ["stem", "layer1", "layer2", "layer3"];

    private readonly PaddedConv stem;
    private readonly long[] poolPads;
    private readonly ModuleList<ResNetBlock> layer1;
    private readonly ModuleList<ResNetBlock> layer2;
    private readonly ModuleList<ResNetBlock> layer3;
    private readonly Tensor mean;

    private ResNet18LossNetwork(OnnxGraph graph, string source)
        : base(nameof(ResNet18LossNetwork))
    {
        var (stemConv, pool, body) = OnnxResNetReader.Read(graph, source);
        stem = stemConv.ToModule();
        poolPads = pool;
        var blocks = new List<ResNetBlock>();
        int index = 0;
        while (blocks.Count < 6)
        {
            // A 1x1 convolution is the shortcut of the block after it (CNTK writes it first).
            OnnxResNetReader.FoldedConv? shortcut = null;
            if (body[index].Shape[2] == 1)
            {
                shortcut = body[index++];
            }

            if (index + 1 >= body.Count)
            {
                throw new InvalidDataException($"Loss network '{source}': ran out of convolutions reading ResNet-18 blocks.");
            }

            blocks.Add(new ResNetBlock(body[index].ToModule(), body[index + 1].ToModule(), shortcut?.ToModule()));
            index += 2;
        }

        layer1 = new ModuleList<ResNetBlock>(blocks[0], blocks[1]);
        layer2 = new ModuleList<ResNetBlock>(blocks[2], blocks[3]);
        layer3 = new ModuleList<ResNetBlock>(blocks[4], blocks[5]);
        mean = tensor(BgrMean, [1, 3, 1, 1]);
        RegisterComponents();
        ContentTap = 1;
        StyleTaps = [0, 1, 2, 3];
        Freeze();
    }

    /// <summary>Loads the network from the ONNX file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not the expected ResNet-18 export.</exception>
    public static ResNet18LossNetwork Load(string path) => new(OnnxGraph.ReadFile(path, 256L << 20), path);

    /// <inheritdoc/>
    public override string Kind => "resnet18";

    /// <inheritdoc/>
    public override IReadOnlyList<string> TapNames => Taps;

    /// <inheritdoc/>
    /// <remarks>Measured on 192 px crops with a half-width StyleNet: a clear painting look with the photo recognisable.</remarks>
    public override LossWeights DefaultWeights => new(Content: 10, Style: 1e5, TotalVariation: 1);

    /// <inheritdoc/>
    public override int SizeMultiple => 32;

    /// <inheritdoc/>
    public override int DefaultJitter => 3;

    /// <inheritdoc/>
    public override Tensor[] forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        // RGB 0-255 to the export's convention: BGR 0-255 minus the ImageNet mean.
        var x = input.flip(1).sub(mean.to(input.device));
        var s = functional.relu(stem.call(x));
        var y = functional.max_pool2d(functional.pad(s, poolPads), 3, 2);
        var l1 = Run(layer1, y);
        var l2 = Run(layer2, l1);
        var l3 = Run(layer3, l2);
        Tensor[] taps = [s, l1, l2, l3];
        foreach (var t in taps)
        {
            t.MoveToOuterDisposeScope();
        }

        return taps;
    }

    private static Tensor Run(ModuleList<ResNetBlock> layer, Tensor x)
    {
        foreach (var block in layer)
        {
            x = block.call(x);
        }

        return x;
    }
}
