using System.Reflection;
using System.Runtime.Loader;

namespace Painterly.Cli.Tests;

/// <summary>
/// Runs the painterly program in its own AssemblyLoadContext, loading Painterly's and TorchSharp's assemblies
/// afresh from the output folder, so a test can see whether one command pulls TorchSharp in (other tests in this
/// process may have loaded it into the default context already). Other libraries stay shared: SkiaSharp's
/// native callbacks break when two copies of its managed side exist in one process.
/// </summary>
internal sealed class IsolatedApp : AssemblyLoadContext
{
    private readonly string folder = AppContext.BaseDirectory;

    private IsolatedApp()
        : base("painterly-isolated", isCollectible: false)
    {
    }

    public static (int ExitCode, IReadOnlyList<string> Assemblies) Run(params string[] args)
    {
        var context = new IsolatedApp();
        var program = context.LoadFromAssemblyPath(Path.Combine(context.folder, "painterly.dll"));
        int exitCode;
        try
        {
            exitCode = (int)program.EntryPoint!.Invoke(null, [args])!;
        }
        catch (TargetInvocationException)
        {
            exitCode = -1;
        }

        return (exitCode, [.. context.Assemblies.Select(a => a.GetName().Name!)]);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string name = assemblyName.Name ?? "";
        bool isolate = name.StartsWith("Painterly.", StringComparison.Ordinal) || name.StartsWith("TorchSharp", StringComparison.Ordinal);
        string path = Path.Combine(folder, name + ".dll");
        return isolate && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
