namespace Painterly.Core.Images;

/// <summary>
/// Base of the image errors a user can act on (bad file, too large, unsupported format); a front end catches
/// this and shows <see cref="Exception.Message"/>, which is always one line.
/// </summary>
public class ImageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public ImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public ImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
