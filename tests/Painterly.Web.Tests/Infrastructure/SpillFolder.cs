using System.Runtime.CompilerServices;

namespace Painterly.Web.Tests.Infrastructure;

/// <summary>
/// Points ASP.NET Core's temp folder (where large form uploads would be buffered) at a folder of its own before
/// any test runs, so a test can check that uploads never reach the disk.
/// </summary>
internal static class SpillFolder
{
    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "painterly-web-tests", "aspnet-temp-" + Guid.NewGuid().ToString("N"));

    [ModuleInitializer]
    internal static void Initialize()
    {
        Directory.CreateDirectory(Path);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", Path);
    }
}
