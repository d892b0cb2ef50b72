using System.Globalization;
using Painterly.Core.Images;
using Painterly.Core.Stylizing;
using Painterly.Web.Serving;
using Painterly.Web.Styles;

namespace Painterly.Web.Endpoints;

/// <summary>POST /api/stylize: server-side stylization for devices too weak to run the model themselves.</summary>
internal static class StylizeEndpoint
{
    /// <summary>Tile side on the server: bounds memory per job whatever the photo's size.</summary>
    public const int ServerTileSize = 768;

    public static void MapStylizeEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/stylize", StylizeAsync).DisableAntiforgery();

    private static async Task<IResult> StylizeAsync(HttpContext context, StyleStore store, WorkGate gate, PainterlyWebOptions options)
    {
        // A place first: a burst beyond the queue is refused before its uploads are read into memory.
        using var admission = gate.TryAdmit();
        if (admission is null)
        {
            return ApiError.Busy(context, gate.RetryAfterSeconds);
        }

        var (form, error) = await UploadLimits.ReadFormAsync(context, options.MaxRequestBytes);
        if (form is null)
        {
            return error!;
        }

        if (store.Find(form["style"].FirstOrDefault() ?? store.Styles[0].Name) is not { } style)
        {
            return ApiError.UnknownStyle();
        }

        if (form.Files.GetFile("image") is not { Length: > 0 } file)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "no photo: send it in the 'image' field.");
        }

        if (!TryReadOptions(form, out var stylizeOptions, out string problem))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, problem);
        }

        byte[] bytes = await UploadLimits.ReadAllAsync(file, context.RequestAborted);
        if (!await admission.TryStartAsync(context.RequestAborted))
        {
            return ApiError.Busy(context, gate.RetryAfterSeconds);
        }

        try
        {
            // CPU-bound: off the request thread so Kestrel keeps accepting (and refusing) connections.
            byte[] png = await Task.Run(() => Stylize(bytes, file.FileName, style, store, stylizeOptions, options), context.RequestAborted);
            return Results.File(png, "image/png", "stylized.png");
        }
        catch (ImageTooLargeException e)
        {
            // The exception's own message gives command-line advice (--max-pixels) that a web user cannot follow.
            return ApiError.Result(StatusCodes.Status400BadRequest, TooLarge(e, options.MaxPixels));
        }
        catch (ImageException e)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, OneLine(e.Message));
        }
    }

    private static string TooLarge(ImageTooLargeException e, long maxPixels) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"the image is {e.Width}x{e.Height} ({(long)e.Width * e.Height / 1e6:0.##} MP), above this server's {maxPixels / 1e6:0.##} MP limit; send a smaller image.");

    // ImageException covers too many pixels (checked from the header), unsupported formats and corrupt files.
    private static byte[] Stylize(byte[] bytes, string name, Core.Styles.BuiltInStyle style, StyleStore store, StylizeOptions stylizeOptions, PainterlyWebOptions options)
    {
        // The file name only labels error messages; the photo stays in memory and is never logged.
        using var bitmap = ImageDecoder.Decode(bytes, Path.GetFileName(name), options.DecodeOptions);
        var stylized = new ImageStylizer(store.Engine(style)).Stylize(bitmap.ToPlanar(), stylizeOptions);
        using var output = stylized.ToBitmap();
        return ImageEncoder.Encode(output, ImageFileFormat.Png);
    }

    private static bool TryReadOptions(IFormCollection form, out StylizeOptions options, out string problem)
    {
        options = new StylizeOptions { TileSize = ServerTileSize };
        problem = "";
        if (form["strength"].FirstOrDefault() is { Length: > 0 } strengthText)
        {
            if (!float.TryParse(strengthText, NumberStyles.Float, CultureInfo.InvariantCulture, out float strength) || !(strength is >= 0f and <= 1f))
            {
                problem = $"strength must be a number from 0 to 1, got '{strengthText}'.";
                return false;
            }

            options = options with { Strength = strength };
        }

        if (form["preserveColor"].FirstOrDefault() is { Length: > 0 } preserveText)
        {
            if (!bool.TryParse(preserveText, out bool preserve))
            {
                problem = $"preserveColor must be true or false, got '{preserveText}'.";
                return false;
            }

            options = options with { PreserveColor = preserve };
        }

        return true;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
