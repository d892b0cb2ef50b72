using Painterly.Core.Images;
using Painterly.CoreML;
using Painterly.CoreML.MlProgram;
using Painterly.Web.Serving;
using Painterly.Web.Styles;

namespace Painterly.Web.Endpoints;

/// <summary>GET endpoints of the built-in styles: list, thumbnail, models for apps, inspect summary.</summary>
internal static class StyleEndpoints
{
    /// <summary>Largest side of a Core ML download (the model's fixed input size).</summary>
    public const int MaxCoreMLSide = 4096;

    private const string OnnxMediaType = "application/octet-stream";

    public static void MapStyleEndpoints(this IEndpointRouteBuilder app)
    {
        // A style's mobile form (<name>-mobile) is not listed apart: it is the style's "mobile" entry, which the page runs in the browser.
        app.MapGet("/api/styles", (StyleStore store) =>
            Results.Json(store.Styles.Where(s => store.MobileFormOf(s) is null).Select(s => new StyleSummary(s.Name, s.Name, s.Description, s.Painting, s.Artist, s.Year)
            {
                Mobile = store.MobileForm(s)?.Name,
            })));

        app.MapGet("/api/styles/{id}/thumbnail.png", (string id, StyleStore store) =>
            store.Find(id) is { } style
                ? Results.File(store.Thumbnail(style), "image/png")
                : ApiError.UnknownStyle());

        app.MapGet("/api/styles/{id}/model.onnx", (string id, StyleStore store) =>
            store.Find(id) is { } style
                ? Results.File(store.PixelModel(style), OnnxMediaType, $"{style.Name}.onnx")
                : ApiError.UnknownStyle());

        app.MapGet("/api/styles/{id}/model.mlmodel", (string id, string? size, StyleStore store) =>
        {
            if (store.Find(id) is not { } style)
            {
                return ApiError.UnknownStyle();
            }

            if (!TryParseCoreMLSize(size, out var imageSize, out string? problem))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, problem);
            }

            byte[] bytes = CoreMLExporter.Export(store.Model(style), new CoreMLExportOptions { Size = imageSize });
            return Results.File(bytes, OnnxMediaType, $"{style.Name}-{imageSize}.mlmodel");
        });

        app.MapGet("/api/styles/{id}/model.mlpackage.zip", (string id, string? size, StyleStore store) =>
        {
            if (store.Find(id) is not { } style)
            {
                return ApiError.UnknownStyle();
            }

            if (!TryParseCoreMLSize(size, out var imageSize, out string? problem))
            {
                return ApiError.Result(StatusCodes.Status400BadRequest, problem);
            }

            // A package is a folder: the download is a zip holding it, which Finder and Xcode unpack to the folder.
            var package = MlProgramExporter.Build(store.Model(style), new MlProgramExportOptions { Size = imageSize });
            using var zip = new MemoryStream();
            MlPackageWriter.WriteZip(zip, package, $"{style.Name}-{imageSize}.mlpackage");
            return Results.File(zip.ToArray(), "application/zip", $"{style.Name}-{imageSize}.mlpackage.zip");
        });

        app.MapGet("/api/styles/{id}/inspect", (string id, StyleStore store) =>
            store.Find(id) is { } style
                ? Results.Json(StyleInspection.Of(style, store.Model(style), store.PixelModel(style)))
                : ApiError.UnknownStyle());
    }

    private static bool TryParseCoreMLSize(string? text, out CoreMLImageSize size, out string problem)
    {
        size = new CoreMLImageSize(CoreMLExportOptions.DefaultSide, CoreMLExportOptions.DefaultSide);
        problem = "";
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        try
        {
            var parsed = ImageSize.Parse(text).Validate(nameof(size));
            if (parsed.Width > MaxCoreMLSide || parsed.Height > MaxCoreMLSide)
            {
                problem = $"size {parsed.Width}x{parsed.Height} is too large; the most is {MaxCoreMLSide}x{MaxCoreMLSide}.";
                return false;
            }

            size = new CoreMLImageSize(parsed.Width, parsed.Height);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            problem = $"bad size '{text}': give WIDTHxHEIGHT with sides that are multiples of 4, at least 8 (e.g. 512x512).";
            return false;
        }
    }
}

/// <summary>One entry of GET /api/styles.</summary>
/// <param name="Id">The id used in URLs.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">One line about the style.</param>
/// <param name="Painting">The painting's title, if the model file names it.</param>
/// <param name="Artist">The painting's artist.</param>
/// <param name="Year">The painting's year.</param>
public sealed record StyleSummary(string Id, string Name, string Description, string? Painting = null, string? Artist = null, string? Year = null)
{
    /// <summary>The id of the style's mobile form (a faster network trained to look the same), if it has one.</summary>
    public string? Mobile { get; init; }
}
