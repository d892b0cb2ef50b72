using System.CommandLine;
using Painterly.Cli.Inspection;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly inspect</c>: what is inside a model file, as tables or JSON.</summary>
internal static class InspectCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var file = new Argument<string>("model") { Description = "A model file (.safetensors, .onnx, .mlmodel, .mlpackage folder, .pth/.model/.pt)." };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines instead of tables." };
        var command = new Command("inspect", "Show a model file's network, inputs and outputs, tensors and metadata.") { file, json };
        command.SetAction(parse =>
        {
            var report = Inspect(parse.GetValue(file)!);
            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(report.ToJson());
            }
            else
            {
                report.Render(console);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static InspectReport Inspect(string path)
    {
        if (Directory.Exists(path) && Path.GetExtension(path.TrimEnd('/')).Equals(".mlpackage", StringComparison.OrdinalIgnoreCase))
        {
            return MlPackageInspector.Inspect(path);
        }

        if (!File.Exists(path) && !Directory.Exists(path) && Painterly.Core.Styles.StyleCatalog.Default.Find(path) is { Path: { } builtIn })
        {
            // A built-in style name inspects its model file, as --style takes names everywhere.
            path = builtIn;
        }

        if (!File.Exists(path))
        {
            throw new UserException(Directory.Exists(path) ? $"{path} is a folder; give a model file." : $"{path} does not exist; check the path (or give a built-in style name: painterly styles).");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".safetensors" => SafetensorsInspector.Inspect(path),
            ".onnx" => OnnxInspector.Inspect(path),
            ".mlmodel" => CoreMLInspector.Inspect(path),
            ".pth" or ".model" or ".pt" => TorchCheckpointInspector.Inspect(path),
            var other => throw new UserException($"cannot inspect '{(other.Length == 0 ? Path.GetFileName(path) : other)}' files; supported: .safetensors, .onnx, .mlmodel, .mlpackage, .pth, .model, .pt."),
        };
    }
}
