using System.Runtime.InteropServices;

namespace Painterly.Torch;

/// <summary>
/// Points the process's native stderr (file descriptor 2) at /dev/null until disposed, on Linux. libtorch writes
/// its warnings there itself and TorchSharp offers no handler: painting's L-BFGS calls an accessor libtorch calls
/// deprecated, and on CPUs NNPACK does not support, every small batch-1 convolution logs a line. libtorch's errors
/// arrive as exceptions, not on stderr, and Painterly's own messages are written after the scope ends.
/// </summary>
public sealed class NativeStderrMute : IDisposable
{
    private const int StandardError = 2;
    private const int WriteOnly = 1;
    private int saved = -1;

    /// <summary>Mutes native stderr; does nothing off Linux or if the descriptors cannot be duplicated.</summary>
    public NativeStderrMute()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Console.Error.Flush();
        int devNull = Open("/dev/null", WriteOnly);
        if (devNull < 0)
        {
            return;
        }

        saved = Dup(StandardError);
        if (saved >= 0 && Dup2(devNull, StandardError) < 0)
        {
            _ = Close(saved);
            saved = -1;
        }

        _ = Close(devNull);
    }

    /// <summary>Gives stderr back.</summary>
    public void Dispose()
    {
        if (saved >= 0)
        {
            _ = Dup2(saved, StandardError);
            _ = Close(saved);
            saved = -1;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "LibraryImport needs unsafe code; these are a few calls per run.")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "As above.")]
    private static extern int Dup(int descriptor);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "As above.")]
    private static extern int Dup2(int descriptor, int target);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "SYSLIB1054", Justification = "As above.")]
    private static extern int Close(int descriptor);
}
