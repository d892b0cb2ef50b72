using Painterly.Core.Images;

namespace Painterly.Web;

/// <summary>Settings of the web app: where the styles are and the limits that keep the server responsive.</summary>
public sealed record PainterlyWebOptions
{
    /// <summary>The largest request body accepted: 25 MB.</summary>
    public const long DefaultMaxRequestBytes = 25L * 1024 * 1024;

    /// <summary>The largest image decoded on the server: 16 MP (about 200 MB as floats while stylizing).</summary>
    public const long DefaultMaxPixels = 16_000_000;

    /// <summary>Folder of <c>*.safetensors</c> styles; null = the <c>models</c> folder beside the program.</summary>
    public string? ModelsFolder { get; init; }

    /// <summary>Request bodies larger than this are refused with 413.</summary>
    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>Images with more pixels are refused (400) before their pixels are decoded.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Server-side jobs (stylize, convert) running at once; default the core count.</summary>
    public int MaxConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>Jobs allowed to wait for a slot; one more is refused with 503 and Retry-After.</summary>
    public int MaxQueue { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>How long a job may wait in the queue before it is refused with 503.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server stays idle (no job running or waiting) before it gives freed memory back.</summary>
    public TimeSpan IdleTrimDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Side of the style thumbnails (the test scene, stylized).</summary>
    public int ThumbnailSide { get; init; } = 192;

    /// <summary>Decode options derived from <see cref="MaxPixels"/>.</summary>
    public ImageDecodeOptions DecodeOptions => new() { MaxPixels = MaxPixels };

    /// <summary>Throws <see cref="ArgumentException"/> for a setting out of range.</summary>
    public PainterlyWebOptions Validate()
    {
        if (MaxRequestBytes < 1024 || MaxPixels < 64 || MaxConcurrency < 1 || MaxQueue < 0 || QueueTimeout <= TimeSpan.Zero || IdleTrimDelay <= TimeSpan.Zero || ThumbnailSide < 8)
        {
            throw new ArgumentException("Web options out of range: limits must be positive, concurrency at least 1.");
        }

        return this;
    }
}
