using Microsoft.ML.OnnxRuntime;

namespace Painterly.Onnx;

/// <summary>Creates CPU inference sessions with Painterly's settings.</summary>
internal static class OnnxSessionFactory
{
    /// <summary>A session over <paramref name="model"/>; <paramref name="fixedDims"/> pins symbolic dimensions by name.</summary>
    public static InferenceSession Create(byte[] model, OnnxStylizerOptions options, IEnumerable<KeyValuePair<string, long>> fixedDims)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // One image is one chain of layers: parallelism lives inside each operator, not between them.
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount,
        };
        foreach (var (name, value) in fixedDims)
        {
            sessionOptions.AddFreeDimensionOverrideByName(name, value);
        }

        foreach (var (key, value) in options.SessionConfig)
        {
            sessionOptions.AddSessionConfigEntry(key, value);
        }

        return new InferenceSession(model, sessionOptions);
    }
}
