using Microsoft.ML.OnnxRuntime;

namespace Painterly.Onnx;

/// <summary>Creates CPU inference sessions with Painterly's settings.</summary>
internal static class OnnxSessionFactory
{
    // Every session of the process allocates from one arena that starts as a single 1 GiB region (address space
    // only: pages are touched as buffers use them). Its best-fit allocator then reuses and merges neighbouring
    // freed buffers, where per-session arenas grow a region per large request and fault in fresh pages for each:
    // a 1024x1024 first run touched 343 instead of 577 MiB (a fresh page costs about 2 us to fault on the
    // benchmark machine) and the settled footprint fell from 950 to 555 MB.
    // The arena is also the memory budget: an .onnx file can ask for any tensor size (a 234-byte graph that
    // upsamples 64x took 3.4 GB for a 256-pixel image); past the budget the run fails in one line instead. A
    // 32-channel StyleNet on a whole 4-megapixel image, the largest Painterly runs untiled, stays under 2.3 GB.
    private static readonly Lazy<OrtEnv> Runtime = new(() =>
    {
        var runtime = OrtEnv.Instance();
        using var memory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.ArenaAllocator, 0, OrtMemType.Default);
        using var arena = new OrtArenaCfg(MemoryBudgetBytes, arenaExtendStrategy: 0, initialChunkSizeBytes: 1 << 30, maxDeadBytesPerChunk: -1);
        runtime.CreateAndRegisterAllocator(memory, arena);
        return runtime;
    });

    /// <summary>The most memory ONNX Runtime's tensors may take in this process, all sessions together.</summary>
    public const uint MemoryBudgetBytes = 3u << 30;

    /// <summary>Loads ONNX Runtime (native library, environment, shared arena) on a pool thread; sessions wait for it.</summary>
    public static void BeginLoading() => Task.Run(() => Runtime.Value);

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

        _ = Runtime.Value;
        sessionOptions.AddSessionConfigEntry("session.use_env_allocators", "1");

        foreach (var (key, value) in options.SessionConfig)
        {
            sessionOptions.AddSessionConfigEntry(key, value);
        }

        return new InferenceSession(model, sessionOptions);
    }
}
