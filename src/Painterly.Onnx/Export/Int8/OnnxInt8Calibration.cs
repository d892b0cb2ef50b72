namespace Painterly.Onnx;

/// <summary>
/// Which convolutions an int8 export quantizes and the activation ranges to quantize them with, from
/// <see cref="OnnxInt8Calibrator"/>. Convolutions not listed stay float32.
/// </summary>
public sealed record OnnxInt8Calibration
{
    /// <summary>Ranges by convolution node name (e.g. <c>res1/conv1/conv</c>); the calibration's export options must match the export's.</summary>
    public required IReadOnlyDictionary<string, OnnxConvRanges> Convs { get; init; }
}
