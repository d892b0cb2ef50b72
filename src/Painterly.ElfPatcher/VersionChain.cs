namespace Painterly.ElfPatcher;

/// <summary>
/// Walks the linked records of one version section (Verneed/Vernaux or Verdef/Verdaux), following their
/// byte-offset links while keeping every record inside the section and every chain finite and consistent.
/// </summary>
internal sealed class VersionChain
{
    private readonly ElfSection _section;
    private long _recordsLeft;

    /// <param name="section">The version section being walked.</param>
    /// <param name="smallestRecord">Size of its smallest record type.</param>
    public VersionChain(ElfSection section, int smallestRecord)
    {
        _section = section;

        // A section cannot hold more records than this; overlapping chains that claim more are rejected,
        // so a hostile file cannot make us read or allocate more than its size allows.
        _recordsLeft = section.Size / smallestRecord;
    }

    /// <summary>Checks that a record of <paramref name="size"/> bytes at <paramref name="at"/> lies inside the section.</summary>
    public void Visit(long at, int size, string what)
    {
        if (!ElfBytes.Fits(at, size, _section.Offset, _section.Offset + _section.Size))
        {
            throw new ElfFormatException($"{what} record at offset {at} lies outside its section {_section.Index} (offset {_section.Offset}, {_section.Size} bytes).");
        }

        if (--_recordsLeft < 0)
        {
            throw new ElfFormatException($"Section {_section.Index} chains more records than it can hold: its entries overlap.");
        }
    }

    /// <summary>Where the first auxiliary record of the record at <paramref name="at"/> starts.</summary>
    public static long First(long at, uint offset, int headerSize, int count, string field)
    {
        if (count > 0 && offset < headerSize)
        {
            throw new ElfFormatException($"{field} {offset} at offset {at} points back into its own {headerSize}-byte record.");
        }

        return at + offset;
    }

    /// <summary>
    /// Where the record after the one at <paramref name="at"/> starts. The link must be 0 exactly on the last
    /// record, so counting readers (binutils) and link-following readers (ld.so) see the same entries.
    /// </summary>
    public static long Next(long at, uint next, int recordSize, bool more, string field)
    {
        if (!more)
        {
            if (next != 0)
            {
                throw new ElfFormatException($"{field} at offset {at} links on past the last entry its count allows.");
            }

            return at;
        }

        if (next == 0)
        {
            throw new ElfFormatException($"{field} at offset {at} is 0 but the count says more entries follow: the chain would loop on itself.");
        }

        if (next < recordSize)
        {
            throw new ElfFormatException($"{field} {next} at offset {at} is smaller than a {recordSize}-byte record: entries overlap.");
        }

        return at + next;
    }
}
