using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Painterly.Onnx;
using Painterly.Torch.Losses;
using static TorchSharp.torch;

namespace Painterly.Torch.Tests.Losses;

public class ResNet18LossNetworkTests
{
    [Fact]
    public void TapsMatchOnnxRuntimeOnTheSameFile()
    {
        string path = ResNet18File.Locate();
        var graph = OnnxGraph.ReadFile(path, 256L << 20);
        // Stem ReLU is the first Relu; a layer ends at the ReLU after its second Add.
        var relus = graph.Nodes.Where(n => n.OpType == "Relu").ToList();
        var blockEnds = relus.Where(r => graph.Nodes.Any(a => a.OpType == "Add" && a.Outputs[0] == r.Inputs[0])).ToList();
        string[] tapValues = [relus[0].Outputs[0], blockEnds[1].Outputs[0], blockEnds[3].Outputs[0], blockEnds[5].Outputs[0]];

        const int Side = 224;
        var random = new Random(3);
        var rgb = new float[3 * Side * Side];
        for (int i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (float)(random.NextDouble() * 255);
        }

        // The export's own convention: BGR, 0-255, minus the mean.
        var bgr = new DenseTensor<float>([1, 3, Side, Side]);
        for (int c = 0; c < 3; c++)
        {
            for (int p = 0; p < Side * Side; p++)
            {
                bgr.Buffer.Span[(c * Side * Side) + p] = rgb[((2 - c) * Side * Side) + p] - ResNet18LossNetwork.BgrMean[c];
            }
        }

        using var session = new InferenceSession(OnnxGraphEditor.WithOutputs(File.ReadAllBytes(path), tapValues));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(graph.Inputs[0].Name, bgr)], tapValues);

        using var scope = NewDisposeScope();
        using var net = ResNet18LossNetwork.Load(path);
        var taps = net.call(tensor(rgb, [1, 3, Side, Side]));
        Assert.Equal(4, taps.Length);
        for (int t = 0; t < 4; t++)
        {
            var expected = results.First(r => r.Name == tapValues[t]).AsTensor<float>();
            Assert.Equal(expected.Dimensions.ToArray().Select(d => (long)d), taps[t].shape);
            float[] actual = taps[t].contiguous().data<float>().ToArray();
            float[] reference = expected.ToArray();
            double maxRef = reference.Max(Math.Abs);
            double maxDiff = actual.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff <= 1e-3 * maxRef, $"{net.TapNames[t]}: max difference {maxDiff} vs max value {maxRef}");
        }
    }

    [Fact]
    public void IsFrozenAndTakesSidesThatAreMultiplesOf32()
    {
        using var scope = NewDisposeScope();
        using var net = ResNet18LossNetwork.Load(ResNet18File.Locate());
        Assert.All(net.parameters(), p => Assert.False(p.requires_grad));
        var taps = net.call(rand(2, 3, 64, 96).mul_(255));
        Assert.Equal([2L, 64, 32, 48], taps[0].shape);
        Assert.Equal([2L, 64, 16, 24], taps[1].shape);
        Assert.Equal([2L, 128, 8, 12], taps[2].shape);
        Assert.Equal([2L, 256, 4, 6], taps[3].shape);
        Assert.Equal("layer1", net.TapNames[net.ContentTap]);
    }
}
