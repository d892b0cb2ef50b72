using BenchmarkDotNet.Attributes;
using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Onnx;

namespace Painterly.Benchmarks;

/// <summary>
/// One ONNX Runtime session run of the default StyleNet (channels 32), per exported form: the plain graph,
/// the polyphase output conv, and that plus sub-pixel upsampling (the engine's default).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class OnnxSessionBenchmarks : IDisposable
{
    private OnnxStylizer stylizer = null!;
    private float[] input = null!;
    private float[] output = null!;

    [Params(512, 1024)]
    public int Size { get; set; }

    [Params("plain", "polyphase", "polyphase+subpixel")]
    public string Form { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var export = new OnnxExportOptions { PolyphaseOutputConv = Form != "plain", SubpixelUpsample = Form.EndsWith("subpixel", StringComparison.Ordinal) };
        stylizer = new OnnxStylizer(SeededStyleModel.CreateDefault(), new OnnxStylizerOptions { Export = export });
        input = TestScene.RenderPlanar(Size, Size).Data;
        output = new float[input.Length];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        stylizer?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public void SessionRun() => stylizer.Stylize(input, Size, Size, output);
}
