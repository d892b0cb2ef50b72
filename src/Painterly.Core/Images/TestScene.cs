using SkiaSharp;

namespace Painterly.Core.Images;

/// <summary>
/// A synthetic landscape (sky, sun, clouds, mountains, hills, a house, trees, a lake with reflections, reeds)
/// drawn in code: the default input when no photo is given, and a test image no file has to ship.
/// Deterministic: the same size always gives the same pixels. Uses no fonts.
/// </summary>
public static class TestScene
{
    /// <summary>The size the scene is designed at; other sizes stretch it.</summary>
    public const int DefaultSize = 512;

    private const float Design = DefaultSize;
    private const float Waterline = 372f;

    /// <summary>Renders the scene as an opaque RGBA8888 bitmap of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static SKBitmap Render(int width = DefaultSize, int height = DefaultSize)
    {
        PlanarImage.ValueCount(width, height);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        canvas.Scale(width / Design, height / Design);
        DrawLand(canvas);
        DrawLake(canvas);
        DrawBank(canvas);
        DrawGrain(canvas);
        canvas.Flush();
        return bitmap;
    }

    /// <summary>Renders the scene as planar floats.</summary>
    public static PlanarImage RenderPlanar(int width = DefaultSize, int height = DefaultSize)
    {
        using var bitmap = Render(width, height);
        return bitmap.ToPlanar();
    }

    // Everything above the waterline; drawn twice (upright, then mirrored in the lake), so it seeds its own noise.
    private static void DrawLand(SKCanvas canvas)
    {
        var rng = new Rng(7);
        FillVertical(canvas, new SKRect(0, 0, Design, Waterline), 0, Waterline,
            [0xFF1C4A85, 0xFF4F86C2, 0xFFA9C6E0, 0xFFF6CB93], [0f, 0.45f, 0.78f, 1f]);

        using (var glow = SKShader.CreateRadialGradient(new SKPoint(372, 150), 140,
                   [new SKColor(0xFFFFF4C8), new SKColor(0x00FFE9A0)], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = glow, IsAntialias = true })
        {
            canvas.DrawCircle(372, 150, 140, paint);
        }

        Circle(canvas, 372, 150, 34, 0xFFFFEFA6);
        Circle(canvas, 368, 146, 26, 0xFFFFFBE8);

        Cloud(canvas, 105, 92, 1f);
        Cloud(canvas, 255, 58, 0.7f);
        Cloud(canvas, 470, 215, 0.55f);

        var mountains = Polygon((0, 292), (55, 236), (95, 258), (165, 196), (215, 240), (250, 228), (318, 180),
            (372, 246), (430, 214), (480, 250), (512, 236), (512, Waterline), (0, Waterline));
        FillVertical(canvas, mountains, 180, 320, [0xFF6E79AE, 0xFFA3A9CF], null);
        var snow = Polygon((165, 196), (150, 212), (160, 210), (168, 218), (178, 206));
        Fill(canvas, snow, 0xFFE8ECF6);
        Fill(canvas, Polygon((318, 180), (300, 200), (311, 197), (320, 206), (331, 196)), 0xFFE8ECF6);

        using var farHill = new SKPath();
        farHill.MoveTo(190, Waterline);
        farHill.CubicTo(300, 284, 430, 262, 530, 318);
        farHill.LineTo(530, Waterline);
        farHill.Close();
        FillVertical(canvas, farHill, 270, Waterline, [0xFF5F9A4E, 0xFF3E6E36], null);
        Grass(canvas, farHill, rng, 500, 0xFF33602C, 0xFF7BB260);

        using var nearHill = new SKPath();
        nearHill.MoveTo(-10, Waterline);
        nearHill.CubicTo(40, 296, 220, 268, 340, Waterline);
        nearHill.Close();
        FillVertical(canvas, nearHill, 290, Waterline, [0xFF86BD5E, 0xFF4C8A3A], null);
        Grass(canvas, nearHill, rng, 700, 0xFF3F7A30, 0xFFA6D27A);

        Pines(canvas);
        Path(canvas);
        House(canvas);
        Tree(canvas, rng);
    }

    private static void House(SKCanvas canvas)
    {
        // Smoke first, so the chimney covers its root.
        for (int i = 0; i < 5; i++)
        {
            uint alpha = (uint)(0x70 - (i * 0x0E)), grey = (uint)(0xE0 - (i * 6));
            Circle(canvas, 178 + (i * 7), 198 - (i * 13), 5 + (i * 2.2f), (alpha << 24) | (grey * 0x010101u));
        }

        Fill(canvas, new SKRect(171, 206, 182, 240), 0xFF7A3B2C);
        Fill(canvas, new SKRect(169, 202, 184, 208), 0xFF5C2C21);

        Fill(canvas, Polygon((172, 262), (200, 250), (200, 310), (172, 322)), 0xFFC9B48E); // side wall in shade
        Fill(canvas, Polygon((92, 262), (132, 222), (172, 262), (172, 322), (92, 322)), 0xFFF0E3C5); // gable front
        Fill(canvas, Polygon((132, 222), (162, 210), (204, 252), (172, 264)), 0xFFB0412E); // roof
        Stroke(canvas, Polygon((88, 264), (132, 220), (176, 264)), 0xFF7E2A1E, 5);
        Stroke(canvas, Polygon((132, 221), (162, 209)), 0xFF7E2A1E, 3);
        for (int i = 1; i < 5; i++)
        {
            float t = i / 5f;
            Stroke(canvas, Polygon((132 + (40 * t), 222 + (40 * t)), (162 + (42 * t), 210 + (42 * t))), 0x55401008, 1.2f);
        }

        Window(canvas, new SKRect(100, 272, 118, 290));
        Window(canvas, new SKRect(146, 272, 164, 290));
        Fill(canvas, Polygon((180, 276), (192, 271), (192, 287), (180, 292)), 0xFFF3D27A);
        Circle(canvas, 132, 246, 7, 0xFF5A4632);
        Circle(canvas, 132, 246, 5, 0xFFFFE39A);
        Fill(canvas, new SKRect(123, 292, 141, 322), 0xFF6B4226);
        Circle(canvas, 137, 308, 1.6f, 0xFFE0C060);
        Fill(canvas, new SKRect(88, 320, 176, 324), 0xFF8C7B62);
    }

    private static void Window(SKCanvas canvas, SKRect frame)
    {
        Fill(canvas, frame, 0xFF5A4632);
        var glass = SKRect.Inflate(frame, -2, -2);
        FillVertical(canvas, glass, glass.Top, glass.Bottom, [0xFFFFF2B8, 0xFFF2C45A], null);
        Stroke(canvas, Polygon((glass.MidX, glass.Top), (glass.MidX, glass.Bottom)), 0xFF5A4632, 1.5f);
        Stroke(canvas, Polygon((glass.Left, glass.MidY), (glass.Right, glass.MidY)), 0xFF5A4632, 1.5f);
    }

    private static void Path(SKCanvas canvas)
    {
        using var path = new SKPath();
        path.MoveTo(132, 322);
        path.CubicTo(128, 340, 170, 345, 168, 374);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 9, Color = new SKColor(0xFFD8C08A), StrokeCap = SKStrokeCap.Round };
        canvas.DrawPath(path, paint);
    }

    private static void Tree(SKCanvas canvas, Rng rng)
    {
        Fill(canvas, Polygon((246, 350), (249, 288), (257, 288), (261, 350)), 0xFF5D3A1A);
        Stroke(canvas, Polygon((253, 310), (272, 292)), 0xFF5D3A1A, 4);
        (float X, float Y, float R)[] crowns = [(252, 262, 26), (230, 282, 22), (276, 280, 22), (252, 290, 24), (240, 250, 17), (266, 248, 17)];
        foreach (var (x, y, r) in crowns)
        {
            Circle(canvas, x + 2, y + 3, r, 0xFF23501F);
        }

        foreach (var (x, y, r) in crowns)
        {
            using var shade = SKShader.CreateRadialGradient(new SKPoint(x + (r * 0.35f), y - (r * 0.4f)), r * 1.2f,
                [new SKColor(0xFF6DB24E), new SKColor(0xFF2E6B28)], SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = shade, IsAntialias = true };
            canvas.DrawCircle(x, y, r, paint);
        }

        for (int i = 0; i < 260; i++)
        {
            var (x, y, r) = crowns[i % crowns.Length];
            float angle = rng.Range(0, MathF.Tau), distance = r * MathF.Sqrt(rng.Next());
            Circle(canvas, x + (distance * MathF.Cos(angle)), y + (distance * MathF.Sin(angle)), rng.Range(1.2f, 2.6f),
                rng.Next() < 0.5f ? 0x8890D070u : 0x661E4A1Au);
        }
    }

    private static void Pines(SKCanvas canvas)
    {
        (float X, float Base, float Height)[] pines = [(404, 318, 46), (428, 306, 58), (452, 312, 50), (476, 318, 40)];
        foreach (var (x, baseY, height) in pines)
        {
            Fill(canvas, new SKRect(x - 2, baseY - 6, x + 2, baseY + 4), 0xFF4A2F18);
            for (int tier = 0; tier < 3; tier++)
            {
                float top = baseY - height + (tier * height * 0.22f), bottom = baseY - (tier * height * 0.18f) - 2;
                float half = height * (0.18f + (tier * 0.06f));
                Fill(canvas, Polygon((x, top), (x - half, bottom), (x + half, bottom)), tier % 2 == 0 ? 0xFF1F4D2A : 0xFF265C31);
            }
        }
    }

    private static void Cloud(SKCanvas canvas, float x, float y, float scale)
    {
        (float Dx, float Dy, float R)[] puffs = [(-38, 6, 18), (-16, -6, 24), (12, -10, 27), (38, 2, 20), (0, 8, 20), (-24, 10, 16), (26, 10, 17)];
        foreach (var (dx, dy, r) in puffs)
        {
            Circle(canvas, x + (dx * scale), y + ((dy + 3) * scale), r * scale, 0xFFD4DEEA);
        }

        foreach (var (dx, dy, r) in puffs)
        {
            Circle(canvas, x + (dx * scale), y + ((dy - 1) * scale), r * scale * 0.94f, 0xFFFFFFFF);
        }
    }

    private static void DrawLake(SKCanvas canvas)
    {
        var water = new SKRect(0, Waterline, Design, Design);
        canvas.Save();
        canvas.ClipRect(water);
        canvas.Translate(0, 2 * Waterline);
        canvas.Scale(1, -1);
        DrawLand(canvas);
        canvas.Restore();

        FillVertical(canvas, water, Waterline, Design, [0x802E5F8A, 0xD0173553], null);
        var rng = new Rng(11);
        for (int i = 0; i < 220; i++)
        {
            float y = rng.Range(Waterline + 2, Design), depth = (y - Waterline) / (Design - Waterline);
            float x = rng.Range(-20, Design), length = 8 + (depth * 40 * rng.Next());
            Stroke(canvas, Polygon((x, y), (x + length, y)), rng.Next() < 0.6f ? 0x50D8E8F4u : 0x40102A40u, 0.8f + depth);
        }

        for (int i = 0; i < 26; i++)
        {
            float y = Waterline + 4 + (i * 4.2f), half = 16 - (i * 0.35f) + (6 * MathF.Sin(i * 1.7f));
            Stroke(canvas, Polygon((372 - half, y), (372 + half, y)), 0xA0FFF0B0, 1.6f);
        }

        Stroke(canvas, Polygon((0, Waterline + 0.5f), (Design, Waterline + 0.5f)), 0x70E6F0F8, 1.5f);
    }

    private static void DrawBank(SKCanvas canvas)
    {
        using var bank = new SKPath();
        bank.MoveTo(0, 436);
        bank.CubicTo(70, 426, 170, 462, 236, Design);
        bank.LineTo(0, Design);
        bank.Close();
        FillVertical(canvas, bank, 430, Design, [0xFF4E8A36, 0xFF24481C], null);
        var rng = new Rng(23);
        Grass(canvas, bank, rng, 500, 0xFF2C5A22, 0xFF8CC060);

        for (int i = 0; i < 14; i++)
        {
            float x = 14 + (i * 11) + rng.Range(-4, 4), baseY = 470 + (x * 0.2f), top = baseY - rng.Range(50, 95);
            float lean = rng.Range(-10, 14);
            using var reed = new SKPath();
            reed.MoveTo(x, baseY);
            reed.QuadTo(x + (lean * 0.2f), (baseY + top) / 2, x + lean, top);
            using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, Color = new SKColor(0xFF6F8E3A) };
            canvas.DrawPath(reed, paint);
            if (i % 2 == 0)
            {
                Fill(canvas, SKRect.Create(x + lean - 3, top + 4, 6, 16), 0xFF6A3E1E, 3);
            }
        }

        uint[] flowers = [0xFFE8493C, 0xFFF5D547, 0xFFFFFFFF, 0xFFC77DD8];
        for (int i = 0; i < 30; i++)
        {
            float x = rng.Range(8, 190), y = rng.Range(448 + (x * 0.25f), Design - 4);
            Circle(canvas, x, y, rng.Range(1.8f, 3.2f), flowers[i % flowers.Length]);
        }
    }

    // Faint speckle over everything: flat areas are dull for a style network, real photos have grain.
    private static void DrawGrain(SKCanvas canvas)
    {
        var rng = new Rng(99);
        for (int i = 0; i < 5000; i++)
        {
            Circle(canvas, rng.Range(0, Design), rng.Range(0, Design), 0.7f, rng.Next() < 0.5f ? 0x14FFFFFFu : 0x14000000u);
        }
    }

    private static void Grass(SKCanvas canvas, SKPath area, Rng rng, int blades, uint dark, uint light)
    {
        canvas.Save();
        canvas.ClipPath(area, antialias: true);
        var bounds = area.Bounds;
        for (int i = 0; i < blades; i++)
        {
            float x = rng.Range(bounds.Left, bounds.Right), y = rng.Range(bounds.Top, bounds.Bottom);
            float length = rng.Range(2.5f, 6f), lean = rng.Range(-1.5f, 1.5f);
            Stroke(canvas, Polygon((x, y), (x + lean, y - length)), (rng.Next() < 0.5f ? dark : light) & 0x90FFFFFF, 1.1f);
        }

        canvas.Restore();
    }

    private static void FillVertical(SKCanvas canvas, SKRect rect, float top, float bottom, uint[] colors, float[]? positions)
    {
        using var path = new SKPath();
        path.AddRect(rect);
        FillVertical(canvas, path, top, bottom, colors, positions);
    }

    private static void FillVertical(SKCanvas canvas, SKPath path, float top, float bottom, uint[] colors, float[]? positions)
    {
        using var shader = SKShader.CreateLinearGradient(new SKPoint(0, top), new SKPoint(0, bottom),
            Array.ConvertAll(colors, c => new SKColor(c)), positions, SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = shader, IsAntialias = true };
        canvas.DrawPath(path, paint);
    }

    private static void Fill(SKCanvas canvas, SKPath path, uint color)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = new SKColor(color) };
        canvas.DrawPath(path, paint);
        path.Dispose();
    }

    private static void Fill(SKCanvas canvas, SKRect rect, uint color, float radius = 0)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = new SKColor(color) };
        canvas.DrawRoundRect(rect, radius, radius, paint);
    }

    private static void Stroke(SKCanvas canvas, SKPath path, uint color, float width)
    {
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round, Color = new SKColor(color) };
        canvas.DrawPath(path, paint);
        path.Dispose();
    }

    private static void Circle(SKCanvas canvas, float x, float y, float radius, uint color)
    {
        using var paint = new SKPaint { IsAntialias = true, Color = new SKColor(color) };
        canvas.DrawCircle(x, y, radius, paint);
    }

    // An open polyline; Fill closes it implicitly.
    private static SKPath Polygon(params (float X, float Y)[] points)
    {
        var path = new SKPath();
        path.MoveTo(points[0].X, points[0].Y);
        for (int i = 1; i < points.Length; i++)
        {
            path.LineTo(points[i].X, points[i].Y);
        }

        return path;
    }

    /// <summary>xorshift32: fixed across .NET versions, unlike System.Random's algorithm.</summary>
    private sealed class Rng(uint seed)
    {
        private uint _state = seed * 2654435761u | 1;

        public float Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return (_state >> 8) / 16777216f;
        }

        public float Range(float min, float max) => min + ((max - min) * Next());
    }
}
