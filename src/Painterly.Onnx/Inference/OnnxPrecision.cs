namespace Painterly.Onnx;

/// <summary>How <see cref="OnnxStylizer"/> runs a <see cref="Core.Models.StyleModel"/>'s convolutions.</summary>
public enum OnnxPrecision
{
    /// <summary>Int8 where the model file carries an int8 calibration for these weights, float32 otherwise.</summary>
    Auto,

    /// <summary>Everything float32: the reference output.</summary>
    FullPrecision,

    /// <summary>Int8 where the stored calibration says, or, without one, where <see cref="OnnxInt8Planner"/> decides now (about a second).</summary>
    Quantized,
}
