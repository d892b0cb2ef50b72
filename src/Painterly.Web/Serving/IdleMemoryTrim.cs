using System.Runtime.InteropServices;

namespace Painterly.Web.Serving;

/// <summary>
/// Gives memory back once the server has been idle for a moment. A burst of uploads leaves the managed heap's
/// large-object regions committed and glibc's heap holding freed pages, hundreds of MB after a 16-megapixel photo,
/// that neither returns by itself; one compacting collection and a malloc_trim after the last job ends return
/// them, off the request path and at most once per quiet spell.
/// </summary>
internal sealed class IdleMemoryTrim : IDisposable
{
    private readonly Timer timer;
    private readonly Func<bool> isIdle;
    private readonly TimeSpan quiet;
    private int trims;

    /// <summary>Trims <paramref name="quiet"/> after <see cref="Schedule"/> if <paramref name="isIdle"/> still holds.</summary>
    public IdleMemoryTrim(Func<bool> isIdle, TimeSpan quiet)
    {
        this.isIdle = isIdle;
        this.quiet = quiet;
        timer = new Timer(_ => TrimIfIdle());
    }

    /// <summary>How many times memory was trimmed (for tests and diagnostics).</summary>
    public int Trims => Volatile.Read(ref trims);

    /// <summary>Called when the last job ends: (re)starts the quiet period.</summary>
    public void Schedule() => timer.Change(quiet, Timeout.InfiniteTimeSpan);

    /// <inheritdoc/>
    public void Dispose() => timer.Dispose();

    private void TrimIfIdle()
    {
        if (!isIdle())
        {
            return;
        }

        GiveBack();
        Interlocked.Increment(ref trims); // the timer's callbacks may overlap
    }

    /// <summary>One compacting collection that decommits what it frees, then glibc's freed heap pages (Linux).</summary>
    public static void GiveBack()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        if (OperatingSystem.IsLinux())
        {
            _ = MallocTrim(0); // 1 if pages went back, 0 if there were none
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "LibraryImport needs unsafe code; this is one call per quiet spell.")]
    private static extern int MallocTrim(nuint pad);
}
