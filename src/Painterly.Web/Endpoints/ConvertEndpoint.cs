using Painterly.Core.Models;
using Painterly.Onnx;
using Painterly.Web.Serving;

namespace Painterly.Web.Endpoints;

/// <summary>
/// POST /api/models/convert: a user's <c>.safetensors</c> StyleNet in, the browser's pixel-IO ONNX out.
/// The model is converted in memory and never stored.
/// </summary>
internal static class ConvertEndpoint
{
    public static void MapConvertEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/models/convert", ConvertAsync).DisableAntiforgery();

    private static async Task<IResult> ConvertAsync(HttpContext context, WorkGate gate, PainterlyWebOptions options)
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

        if (form.Files.GetFile("model") is not { Length: > 0 } file)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "no model: send a .safetensors file in the 'model' field.");
        }

        byte[] bytes = await UploadLimits.ReadAllAsync(file, context.RequestAborted);
        if (!await admission.TryStartAsync(context.RequestAborted))
        {
            return ApiError.Busy(context, gate.RetryAfterSeconds);
        }

        try
        {
            byte[] onnx = await Task.Run(
                () => OnnxExporter.Export(StyleModelFile.Load(bytes, Path.GetFileName(file.FileName)), new OnnxExportOptions { PixelIO = true }),
                context.RequestAborted);
            return Results.File(onnx, "application/octet-stream", Path.ChangeExtension(Path.GetFileName(file.FileName), ".onnx"));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException)
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, $"not a Painterly/pytorch-examples .safetensors StyleNet: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
