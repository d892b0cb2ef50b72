using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Torch.Training;

/// <summary>Draws the loss curves of a <c>log.csv</c> as a PNG (log scale, smoothed), with SkiaSharp alone.</summary>
internal static class LossPlot
{
    private static readonly (string Name, SKColor Color)[] Series =
    [
        ("content", new SKColor(0x1f, 0x77, 0xb4)), ("style", new SKColor(0xd6, 0x27, 0x28)),
        ("tv", new SKColor(0x2c, 0xa0, 0x2c)), ("total", SKColors.Black),
    ];

    public static void Write(string logPath, string pngPath, int width = 900, int height = 500)
    {
        var rows = TrainingLog.ReadRows(logPath);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            Draw(canvas, rows, width, height);
        }

        ImageEncoder.Save(bitmap, pngPath);
    }

    private static void Draw(SKCanvas canvas, List<double[]> rows, int width, int height)
    {
        const float Left = 60, Right = 20, Top = 20, Bottom = 40;
        using var font = new SKFont(SKTypeface.Default, 13);
        using var ink = new SKPaint { Color = SKColors.Gray, IsAntialias = true, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawRect(Left, Top, width - Left - Right, height - Top - Bottom, ink);
        if (rows.Count < 2)
        {
            canvas.DrawText("not enough steps yet", Left + 10, Top + 20, font, text);
            return;
        }

        var smoothed = Enumerable.Range(1, 4).Select(c => Smooth(rows.Select(r => Math.Log10(Math.Max(r[c], 1e-12))).ToArray(), Math.Max(1, rows.Count / 50))).ToArray();
        double lo = Math.Floor(smoothed.SelectMany(s => s).Min()), hi = Math.Ceiling(smoothed.SelectMany(s => s).Max());
        hi = Math.Max(hi, lo + 1);
        double first = rows[0][0], last = rows[^1][0];
        float X(double step) => (float)(Left + ((step - first) / Math.Max(1, last - first) * (width - Left - Right)));
        float Y(double log) => (float)(height - Bottom - ((log - lo) / (hi - lo) * (height - Top - Bottom)));
        for (double decade = lo; decade <= hi; decade++)
        {
            canvas.DrawLine(Left, Y(decade), width - Right, Y(decade), ink);
            canvas.DrawText($"1e{decade:0}", 5, Y(decade) + 4, font, text);
        }

        canvas.DrawText($"step {first:0}", Left, height - 12, font, text);
        canvas.DrawText($"{last:0}", width - Right - 40, height - 12, font, text);
        for (int s = 0; s < Series.Length; s++)
        {
            using var pen = new SKPaint { Color = Series[s].Color, IsAntialias = true, StrokeWidth = 2, Style = SKPaintStyle.Stroke };
            using var path = new SKPath();
            path.MoveTo(X(rows[0][0]), Y(smoothed[s][0]));
            for (int i = 1; i < rows.Count; i++)
            {
                path.LineTo(X(rows[i][0]), Y(smoothed[s][i]));
            }

            canvas.DrawPath(path, pen);
            using var label = new SKPaint { Color = Series[s].Color, IsAntialias = true };
            canvas.DrawText(Series[s].Name, width - Right - 70, Top + 18 + (s * 16), font, label);
        }
    }

    /// <summary>Trailing moving average: single steps are noisy with small batches.</summary>
    private static double[] Smooth(double[] values, int window)
    {
        var result = new double[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            result[i] = sum / Math.Min(i + 1, window);
        }

        return result;
    }
}
