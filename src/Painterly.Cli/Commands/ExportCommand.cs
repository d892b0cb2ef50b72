using System.CommandLine;
using Painterly.Core.Styles;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly export</c>: writes a style model as a file an app can run (ONNX, Core ML) or its model file.</summary>
internal static class ExportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("model") { Description = "A built-in style name or a .safetensors model file." };
        var format = new Option<string>("--format", "-f") { Description = "Target format.", Required = true };
        format.AcceptOnlyFromAmong(ModelWriter.Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Output file or package (default: <model>.<onnx|mlmodel|mlpackage|safetensors> here)." };
        var exportOptions = new ExportOptionSet();
        var command = new Command("export", "Export a style model: ONNX for ONNX Runtime and browsers, Core ML for iOS and macOS apps (.mlmodel NeuralNetwork, .mlpackage ML Program), or its .safetensors model file.")
        {
            model, format, output,
        };
        exportOptions.AddTo(command);

        command.SetAction(parse =>
        {
            string name = parse.GetValue(model)!;
            string targetFormat = parse.GetValue(format)!;
            var settings = exportOptions.Read(parse, targetFormat);
            if (Path.Exists(name))
            {
                ModelFileKind.RequireStyleModel(name);
            }

            var styleModel = StyleCatalog.Default.Resolve(name);
            string defaultName = $"{Path.GetFileNameWithoutExtension(name)}.{ModelWriter.Extension(targetFormat)}";
            string target = parse.GetValue(output) is { } o && (Directory.Exists(o) || o.EndsWith('/')) ? Path.Combine(o, defaultName) : parse.GetValue(output) ?? defaultName;
            string details = ModelWriter.Write(styleModel, target, settings);
            console.MarkupLineInterpolated($"{name} -> {target}  [grey]{ModelWriter.Megabytes(target):F2} MB, {details}[/]");
            if (settings.Verify)
            {
                var result = ExportVerifier.Verify(target, targetFormat, ExportVerifier.SceneSize(settings), ExportVerifier.Reference(styleModel));
                console.MarkupLineInterpolated($"[grey]{ExportVerifier.Judge(target, result, settings.VerifyThreshold ?? ExportVerifier.DefaultThreshold(settings))}[/]");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
