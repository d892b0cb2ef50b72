namespace Painterly.Web.Serving;

/// <summary>The body of every API error: one line saying what was wrong and what to do.</summary>
/// <param name="Error">The message.</param>
public sealed record ApiError(string Error)
{
    /// <summary>A JSON error response with <paramref name="status"/>.</summary>
    public static IResult Result(int status, string message) => Results.Json(new ApiError(message), statusCode: status);

    /// <summary>404 for a style id that is unknown or not a plain name.</summary>
    public static IResult UnknownStyle() => Result(StatusCodes.Status404NotFound, "no such style; GET /api/styles lists them.");

    /// <summary>503 with Retry-After when the server-side queue is full.</summary>
    public static IResult Busy(HttpContext context, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Result(StatusCodes.Status503ServiceUnavailable, "the server is busy; retry shortly or stylize in the browser.");
    }
}
