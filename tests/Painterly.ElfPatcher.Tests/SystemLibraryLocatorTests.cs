namespace Painterly.ElfPatcher.Tests;

public class SystemLibraryLocatorTests
{
    private const string Listing = """
        1234 libs found in cache `/etc/ld.so.cache'
        	libstdc++.so.6 (libc6) => /usr/lib/i386-linux-gnu/libstdc++.so.6
        	libstdc++.so.6 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libstdc++.so.6
        	libstdc++.so.6.0.30-gdb.py (libc6,x86-64) => /nowhere
        	libc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6
        """;

    [Fact]
    public void PicksTheX8664EntryFromAnLdconfigListing() =>
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", SystemLibraryLocator.ParseLdconfigListing(Listing, "libstdc++.so.6"));

    [Fact]
    public void ReadsEntriesWithExtraDetailInTheParentheses() =>
        Assert.Equal("/lib/x86_64-linux-gnu/libc.so.6", SystemLibraryLocator.ParseLdconfigListing(Listing, "libc.so.6"));

    [Fact]
    public void ReturnsNullWhenTheListingLacksTheLibrary() =>
        Assert.Null(SystemLibraryLocator.ParseLdconfigListing(Listing, "libfoo.so.1"));
}
