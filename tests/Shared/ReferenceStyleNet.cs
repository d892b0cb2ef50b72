using Painterly.Core.Models;

namespace Painterly.Tests.Reference;

/// <summary>
/// The StyleNet forward pass in plain C# over <see cref="ReferenceOps"/>, following the PyTorch TransformerNet:
/// the ground truth that the ONNX and Core ML test projects (which link this file) compare their runtimes with.
/// </summary>
internal static class ReferenceStyleNet
{
    /// <summary>The network's output clamped to 0-255, as every exported model returns it.</summary>
    public static float[] Run(StyleModel model, float[] chw, int width, int height) =>
        ReferenceOps.Clamp(RunUnclamped(model, chw, width, height), 0, 255).Data;

    /// <summary>The network's raw output, before the clamp.</summary>
    public static FeatureMap RunUnclamped(StyleModel model, float[] chw, int width, int height)
    {
        var x = new FeatureMap(3, height, width, (float[])chw.Clone());
        FeatureMap? residual = null;
        foreach (var stage in StyleNetArchitecture.Stages(model.Config))
        {
            if (stage.SaveResidual)
            {
                residual = x;
            }

            float[] weight = model.Weights[stage.WeightName].Data, bias = model.Weights[stage.BiasName].Data;
            x = stage.Upsample switch
            {
                StyleNetUpsample.Nearest => ReferenceOps.Conv(ReferenceOps.ReflectPad(ReferenceOps.NearestUpsample2(x), stage.Kernel / 2), weight, bias, stage.OutChannels, stage.Kernel, 1),
                StyleNetUpsample.Transposed => ReferenceOps.ConvTranspose(x, weight, bias, stage.OutChannels, stage.Kernel),
                _ => ReferenceOps.Conv(ReferenceOps.ReflectPad(x, stage.Kernel / 2), weight, bias, stage.OutChannels, stage.Kernel, stage.Stride),
            };
            if (stage.Norm is not null)
            {
                x = ReferenceOps.InstanceNorm(x, model.Weights[stage.Norm + ".weight"].Data, model.Weights[stage.Norm + ".bias"].Data, 1e-5);
            }

            if (stage.AddResidual)
            {
                x = ReferenceOps.Add(x, residual!);
            }

            if (stage.Relu)
            {
                x = ReferenceOps.Relu(x);
            }
        }

        return x;
    }
}
