using BenchmarkDotNet.Attributes;
using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Benchmarks;

/// <summary>The pre- and post-processing around a session run: bitmap to planar floats, padding, and back.</summary>
[MemoryDiagnoser]
public class ImageConversionBenchmarks
{
    private SKBitmap bitmap = null!;
    private PlanarImage planar = null!;
    private PlanarImage odd = null!;

    [Params(512, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        bitmap = TestScene.Render(Size, Size);
        planar = bitmap.ToPlanar();
        odd = TestScene.RenderPlanar(Size - 3, Size - 1);
    }

    [GlobalCleanup]
    public void Cleanup() => bitmap.Dispose();

    [Benchmark]
    public PlanarImage BitmapToPlanar() => bitmap.ToPlanar();

    [Benchmark]
    public void PlanarToBitmap()
    {
        using var result = planar.ToBitmap();
    }

    [Benchmark]
    public PlanarImage PadAndCrop() => ReflectPadding.Crop(ReflectPadding.PadToMultiple(odd), odd.Width, odd.Height);
}
