using Painterly.Core.Models;

namespace Painterly.Onnx.Tests;

/// <summary>The StyleNet forward pass in plain C# over <see cref="ReferenceOps"/>, following the PyTorch TransformerNet.</summary>
internal static class ReferenceStyleNet
{
    public static float[] Run(StyleModel model, float[] chw, int width, int height)
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

        return ReferenceOps.Clamp(x, 0, 255).Data;
    }
}
