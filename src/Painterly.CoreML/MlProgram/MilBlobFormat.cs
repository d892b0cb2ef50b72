namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Apple's MIL blob storage format (the <c>weight.bin</c> of an ML Program, version 2): a 64-byte header (blob count,
/// version, reserved zeros), then per blob a 64-byte metadata record (sentinel, data type, size, data offset,
/// reserved zeros) followed by the data, every record and every data start aligned to 64 bytes. A program points
/// at a blob by the offset of its metadata record.
/// </summary>
internal static class MilBlobFormat
{
    /// <summary>Alignment of every metadata record and every data start.</summary>
    public const int Alignment = 64;

    /// <summary>Size of the file header and of each metadata record.</summary>
    public const int RecordSize = 64;

    /// <summary>The only storage version Core ML reads for ML Programs.</summary>
    public const uint Version = 2;

    /// <summary>First field of every metadata record, checked by readers.</summary>
    public const uint Sentinel = 0xDEADBEEF;

    /// <summary>Blob data type code of IEEE half floats.</summary>
    public const uint Float16 = 1;

    /// <summary>Blob data type code of IEEE single floats.</summary>
    public const uint Float32 = 2;

    /// <summary>Where the weights file sits relative to the model specification, as programs name it.</summary>
    public const string ProgramFileName = "@model_path/weights/weight.bin";

    /// <summary>Rounds <paramref name="offset"/> up to the alignment.</summary>
    public static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    /// <summary>Bytes per value of a blob data type (1, 2 or 4), or 0 for a type this reader does not know.</summary>
    public static int ElementSize(uint dataType) => dataType switch
    {
        Float16 => 2,
        Float32 => 4,
        3 or 4 => 1, // uint8, int8
        _ => 0,
    };
}
