using System.CommandLine;
using Painterly.CoreML;
using Painterly.CoreML.MlProgram;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary>
/// <c>painterly convert</c>: a network trained elsewhere (pytorch/examples <c>.pth</c>, a safetensors state_dict,
/// a PyTorch-exported ONNX file) to a Painterly model file, ONNX or Core ML.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var input = new Argument<string>("input") { Description = "A PyTorch checkpoint (.pth, .model, .pt), a .safetensors model or state_dict, or an .onnx file." };
        var to = new Option<string>("--to") { Description = "Target format.", DefaultValueFactory = _ => "safetensors" };
        to.AcceptOnlyFromAmong(ModelWriter.Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Output file (default: the input's name with the new extension, here)." };
        var exportOptions = new ExportOptionSet();
        var command = new Command("convert", "Convert a network trained elsewhere (pytorch/examples checkpoints, PyTorch ONNX exports) to a model file, ONNX or Core ML.")
        {
            input, to, output,
        };
        exportOptions.AddTo(command);

        command.SetAction(parse =>
        {
            string source = parse.GetValue(input)!;
            string format = parse.GetValue(to)!;
            var settings = exportOptions.Read(parse, format);
            string target = parse.GetValue(output) ?? $"{Path.GetFileNameWithoutExtension(source)}.{ModelWriter.Extension(format)}";
            if (string.Equals(Path.GetFullPath(target), Path.GetFullPath(source), StringComparison.Ordinal))
            {
                throw new UserException($"converting {source} to {format} would overwrite it; give another name with -o.");
            }

            var loaded = ConvertInput.Load(source, format);
            string details = loaded.Model is { } model
                ? ModelWriter.Write(model, target, settings)
                : ConvertGeneral(loaded, target, settings);
            console.MarkupLineInterpolated($"{source} -> {target}  [grey]{ModelWriter.Megabytes(target):F2} MB, {loaded.Description}; {details}[/]");
            if (settings.Verify)
            {
                // An ONNX source is its own reference (run as it is, not as Painterly imported it).
                var reference = loaded.Graph is not null || Path.GetExtension(source).Equals(".onnx", StringComparison.OrdinalIgnoreCase)
                    ? ExportVerifier.Reference(source, loaded.Model)
                    : ExportVerifier.Reference(loaded.Model!);
                var result = ExportVerifier.Verify(target, format, ExportVerifier.SceneSize(settings), reference);
                console.MarkupLineInterpolated($"[grey]{ExportVerifier.Judge(target, result, settings.VerifyThreshold ?? ExportVerifier.DefaultThreshold(settings))}[/]");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string ConvertGeneral(ConvertInput loaded, string target, ExportSettings settings)
    {
        if (settings.Format == "mlpackage")
        {
            var program = settings.MlProgram;
            var package = MlProgramExporter.Convert(loaded.Graph!, program, loaded.Path);
            MlPackageWriter.Write(target, package);
            return ModelWriter.DescribeMlProgram(package, program);
        }

        var options = settings.CoreML;
        var written = OnnxToCoreMLConverter.Convert(loaded.Graph!, options, loaded.Path);
        Core.IO.AtomicFile.Write(target, stream => Google.Protobuf.MessageExtensions.WriteTo(written, stream));
        return ModelWriter.DescribeCoreML(written, options);
    }
}
