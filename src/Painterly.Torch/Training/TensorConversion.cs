using Painterly.Core.Models;
using static TorchSharp.torch;

namespace Painterly.Torch.Training;

/// <summary>Copies between TorchSharp tensors and runtime-free <see cref="Painterly.Core.Models.FloatTensor"/>s, exactly.</summary>
internal static class TensorConversion
{
    public static FloatTensor ToFloatTensor(Tensor value)
    {
        using var cpu = value.detach().cpu().contiguous();
        return new FloatTensor([.. cpu.shape.Select(d => checked((int)d))], cpu.data<float>().ToArray());
    }

    public static void CopyInto(Tensor target, FloatTensor source)
    {
        using var value = tensor(source.Data, [.. source.Shape.Select(d => (long)d)]);
        using var noGrad = no_grad();
        target.copy_(value);
    }
}
