using Microsoft.AspNetCore.Http.Features;
using Painterly.Web.Serving;

namespace Painterly.Web.Endpoints;

/// <summary>Reads a multipart form within the request size limit, turning oversize bodies into 413.</summary>
internal static class UploadLimits
{
    /// <summary>The form, or an error result (413 too large, 400 not a form).</summary>
    public static async Task<(IFormCollection? Form, IResult? Error)> ReadFormAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return (null, ApiError.Result(StatusCodes.Status400BadRequest, "send multipart/form-data with the file in an 'image' or 'model' field."));
        }

        try
        {
            // A memory threshold as large as the limit: the form reader never spills an upload to a temp file.
            int inMemory = (int)Math.Min(maxBytes, int.MaxValue);
            var options = new FormOptions { MultipartBodyLengthLimit = maxBytes, MemoryBufferThreshold = inMemory, BufferBodyLengthLimit = maxBytes };
            var form = await context.Request.ReadFormAsync(options, context.RequestAborted);
            return (form, null);
        }
        catch (InvalidDataException)
        {
            // The form reader's own length limit; the body was longer than allowed.
            return (null, TooLarge(maxBytes));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    /// <summary>Reads a form file fully into memory (one copy of the form's buffer): uploads are never written to disk.</summary>
    public static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellation)
    {
        var bytes = new byte[file.Length];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes, cancellation);
        return bytes;
    }

    private static IResult TooLarge(long maxBytes) =>
        ApiError.Result(StatusCodes.Status413PayloadTooLarge, $"the upload is larger than {maxBytes / (1024 * 1024)} MB; send a smaller file.");
}
