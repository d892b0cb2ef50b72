namespace Painterly.Core.Images;

/// <summary>An output file name has an extension no encoder writes.</summary>
public sealed class UnsupportedImageFormatException : ImageException
{
    /// <summary>Creates the exception.</summary>
    public UnsupportedImageFormatException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public UnsupportedImageFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public UnsupportedImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
