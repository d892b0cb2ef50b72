using Painterly.Core.Images;
namespace Painterly.Onnx;

/// <summary>How <see cref="OnnxExporter"/> shapes the exported graph.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>A float32 NCHW graph with symbolic height and width.</summary>
    public static OnnxExportOptions Default { get; } = new();

    /// <summary>Fix the input and output to this size; null keeps <c>height</c> and <c>width</c> symbolic.</summary>
    public ImageSize? FixedSize { get; init; }

    /// <summary>
    /// Store the weights as float16 (half the file) and cast them to float32 in the graph;
    /// computation, input and output stay float32.
    /// </summary>
    public bool Fp16Weights { get; init; }

    /// <summary>
    /// Take and return uint8 RGBA NHWC pixels (<c>[1, H, W, 4]</c>, as in a canvas ImageData) instead of
    /// float32 RGB NCHW; the output alpha is 255.
    /// </summary>
    public bool PixelIO { get; init; }

    /// <summary>
    /// Compute the last (3-channel, full-resolution) convolution as a stride-2 convolution over the four pixel
    /// phases plus a DepthToSpace: the same image, about 10-15% faster on x64 ONNX Runtime, whose blocked
    /// convolutions would pad 3 output channels to 16. Costs 23% more multiply-adds where no such padding happens
    /// (e.g. WebAssembly), and the last stage's weights are stored rearranged rather than under their state_dict names.
    /// </summary>
    public bool PolyphaseOutputConv { get; init; }

    /// <summary>
    /// Compute each nearest-upsample stage (upsample, reflection pad, 3x3 conv) as four 2x2 convolutions at the
    /// low resolution interleaved by DepthToSpace: the same image with 4 instead of 9 multiply-adds per pixel and
    /// no full-resolution Resize or Pad. Its weights are stored rearranged rather than under their state_dict names.
    /// </summary>
    public bool SubpixelUpsample { get; init; }

    /// <summary>
    /// Quantize the calibrated convolutions to int8 in QDQ form (uint8 activations per tensor, int8 weights per
    /// output channel, int32 bias), which ONNX Runtime fuses into QLinearConv. Not an equivalent form: the output
    /// differs from float32 by the quantization error. Null (the default) keeps everything float32.
    /// </summary>
    public OnnxInt8Calibration? Quantization { get; init; }
}
