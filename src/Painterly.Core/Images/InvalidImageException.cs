namespace Painterly.Core.Images;

/// <summary>A file or buffer is not an image that can be decoded (unknown format, truncated, corrupt).</summary>
public sealed class InvalidImageException : ImageException
{
    /// <summary>Creates the exception.</summary>
    public InvalidImageException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public InvalidImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public InvalidImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
