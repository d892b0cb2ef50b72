namespace Painterly.Onnx;

/// <summary>Which convolutions <see cref="OnnxInt8Calibrator"/> calibrates for int8.</summary>
public enum OnnxInt8Scope
{
    /// <summary>The residual blocks' 3x3 convolutions (about 60% of the multiply-adds).</summary>
    ResidualConvs,

    /// <summary>Every convolution (transposed convolutions stay float32).</summary>
    AllConvs,
}
