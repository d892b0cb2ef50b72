namespace Painterly.Onnx;

/// <summary>Calibrated ranges of one convolution's input and output.</summary>
/// <param name="Input">Range of the (padded) input activation.</param>
/// <param name="Output">Range of the convolution's output, before any norm.</param>
public readonly record struct OnnxConvRanges(OnnxValueRange Input, OnnxValueRange Output);
