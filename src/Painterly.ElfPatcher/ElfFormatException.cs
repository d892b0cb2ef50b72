namespace Painterly.ElfPatcher;

/// <summary>The file is not a well-formed ELF64 little-endian file, or it lies about its own layout.</summary>
public sealed class ElfFormatException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ElfFormatException()
        : base("Malformed ELF file.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ElfFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ElfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
