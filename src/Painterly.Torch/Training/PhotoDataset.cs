using Painterly.Core.Images;
using Painterly.Core.IO;
using SkiaSharp;

namespace Painterly.Torch.Training;

/// <summary>
/// The photos of a folder (recursive) as training batches: random rescale, random square crop and horizontal flip.
/// Which photos make up step s, and how they are cropped, depend only on (seed, s).
/// </summary>
public sealed class PhotoDataset
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp", ".bmp"];
    private readonly Dictionary<long, int[]> permutations = [];
    private readonly Lock gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> failed = new(StringComparer.Ordinal);

    /// <summary>Lists the photos under <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">It holds no photos.</exception>
    public PhotoDataset(string folder, int imageSize, ulong seed)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Photo folder '{folder}' does not exist.");
        }

        Files = [.. FolderWalk.Files(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)];
        if (Files.Count == 0)
        {
            throw new InvalidDataException($"Photo folder '{folder}' holds no JPEG, PNG, WebP or BMP files.");
        }

        ImageSize = imageSize;
        Seed = seed;
    }

    /// <summary>The photos, in ordinal path order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Side of the crops.</summary>
    public int ImageSize { get; }

    /// <summary>Seed of the order and augmentation.</summary>
    public ulong Seed { get; }

    /// <summary>Photos that failed to decode so far, each counted once however often it was drawn.</summary>
    public int Failures => failed.Count;

    /// <summary>
    /// Checks, before a run writes anything, that at least one photo decodes: a folder of corrupt files would
    /// otherwise fail on the first step and leave a half-made run folder behind.
    /// </summary>
    /// <exception cref="InvalidDataException">No photo decodes; the message names the folder.</exception>
    public void RequireOneReadable(string folder)
    {
        foreach (string path in Files)
        {
            try
            {
                using var bitmap = ImageDecoder.Decode(path);
                return;
            }
            catch (Exception e) when (e is ImageException or IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
            {
                failed.TryAdd(path, true);
            }
        }

        throw new InvalidDataException($"None of the {Files.Count} photos under '{folder}' could be decoded; give a folder of JPEG, PNG, WebP or BMP photos.");
    }

    /// <summary>Batch of <paramref name="batchSize"/> crops for <paramref name="step"/>: RGB 0-255, NCHW, row-major.</summary>
    public float[] LoadBatch(long step, int batchSize)
    {
        int side = ImageSize, plane = side * side;
        var batch = new float[(long)batchSize * 3 * plane];
        Parallel.For(0, batchSize, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, j =>
        {
            long k = (step * batchSize) + j;
            var random = new SeedMix(Seed, (ulong)step, (ulong)j + 1);
            var crop = LoadCrop(k, random);
            Array.Copy(crop, 0, batch, (long)j * 3 * plane, 3 * plane);
        });
        return batch;
    }

    private float[] LoadCrop(long sample, SeedMix random)
    {
        // Sampling without replacement per epoch; a photo that fails to decode is replaced by the next one.
        // The replacements walk on within the sample's own epoch order, so every photo is tried once: stepping
        // into the next epoch's order could draw the same broken photo again and miss the good ones.
        var order = Permutation(sample / Files.Count);
        for (int attempt = 0; attempt < Files.Count; attempt++)
        {
            string path = Files[order[(int)((sample + attempt) % Files.Count)]];
            try
            {
                using var bitmap = ImageDecoder.Decode(path);
                return Augment(bitmap, random);
            }
            catch (Exception e) when (e is ImageException or IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
            {
                failed.TryAdd(path, true);
            }
        }

        throw new InvalidDataException("No photo in the data folder could be decoded.");
    }

    private float[] Augment(SKBitmap bitmap, SeedMix random)
    {
        int side = ImageSize;
        // Short side scaled to 1x..1.5x the crop: crops see most of a photo, at slightly varying scales.
        double scale = side * (1 + (0.5 * random.NextDouble())) / Math.Min(bitmap.Width, bitmap.Height);
        int width = Math.Max(side, (int)Math.Round(bitmap.Width * scale));
        int height = Math.Max(side, (int)Math.Round(bitmap.Height * scale));
        using var resized = ImageResizer.Resize(bitmap, width, height);
        var planar = resized.ToPlanar();
        int x0 = random.Next(width - side + 1), y0 = random.Next(height - side + 1);
        bool flip = random.NextDouble() < 0.5;
        var crop = new float[3 * side * side];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < side; y++)
            {
                var row = planar.Row(c, y0 + y).Slice(x0, side);
                var target = crop.AsSpan((c * side * side) + (y * side), side);
                row.CopyTo(target);
                if (flip)
                {
                    target.Reverse();
                }
            }
        }

        return crop;
    }

    private int[] Permutation(long epoch)
    {
        lock (gate)
        {
            if (!permutations.TryGetValue(epoch, out var order))
            {
                order = [.. Enumerable.Range(0, Files.Count)];
                var random = new SeedMix(Seed, 0xE90C, (ulong)epoch);
                for (int i = order.Length - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }

                permutations[epoch] = order;
            }

            return order;
        }
    }
}
