using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Painterly.Core.Styles;
using Painterly.Torch.Evaluation;
using Painterly.Torch.Losses;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly evaluate</c>: the art measures and mean losses of a style over a folder of photos.</summary>
internal static class EvaluateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("model") { Description = "A built-in style name, a .safetensors model or an exported .onnx file." };
        var images = new Option<string>("--images") { Description = "Folder of photos (searched recursively).", Required = true };
        var style = new Option<string?>("--style") { Description = "The painting: enables the style loss and closure." };
        var size = new Option<int>("--size") { Description = "Longest side the photos are scaled to (up or down).", DefaultValueFactory = _ => 512 };
        var lossNetwork = new Option<string>("--loss-network") { Description = "resnet18, vgg16:<file> or vgg19:<file> (for the losses; the measures always use ResNet-18).", DefaultValueFactory = _ => LossNetworkFactory.Default };
        var runtime = new Option<string>("--runtime") { Description = "onnx or torch.", DefaultValueFactory = _ => StyleEngineFactory.Runtimes[0] };
        runtime.AcceptOnlyFromAmong(StyleEngineFactory.Runtimes);
        var precision = StyleEngineFactory.PrecisionOption();
        var json = new Option<bool>("--json") { Description = "Print the numbers as JSON." };
        var command = new Command("evaluate", "Measure a style over a folder of photos: closure, structure, grid peak and the training losses.")
        {
            model, images, style, size, lossNetwork, runtime, precision, json,
        };
        command.SetAction(parse =>
        {
            string? styleImage = parse.GetValue(style);
            if (styleImage is not null && !File.Exists(styleImage))
            {
                throw new UserException($"painting '{styleImage}' does not exist; check the path.");
            }

            string folder = parse.GetValue(images)!;
            if (!Directory.Exists(folder))
            {
                throw new UserException($"photo folder '{folder}' does not exist; check the path.");
            }

            int side = parse.GetValue(size);
            if (side is < 32 or > 4096)
            {
                throw new UserException("--size must be 32..4096.", ExitCodes.Usage);
            }

            EvaluationResult result;
            using (var engine = StyleEngineFactory.Create(parse.GetValue(runtime)!, parse.GetValue(precision)!, parse.GetValue(model), StyleCatalog.Default, out _, out _))
            {
                try
                {
                    result = StyleEvaluator.Evaluate(engine, folder, styleImage, parse.GetValue(lossNetwork)!, side);
                }
                catch (ArgumentException e)
                {
                    throw new UserException(e.Message);
                }
            }

            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                Print(console, result);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, EvaluationResult result)
    {
        var m = result.Measures!;
        string F(double? v, string format) => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "-";
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Images} photos{(result.Skipped > 0 ? $" ({result.Skipped} skipped)" : "")}  closure {F(m.Closure, "F3")}  structure {m.Structure:F3}  grid peak {m.GridPeak:F1} (photos {m.PhotoGridPeak:F1})"));
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"style distance {F(m.StyleDistance, "G4")} (photos {F(m.PhotoStyleDistance, "G4")})  losses: content {result.Content:G4}  style {F(result.Style, "G4")}  tv {result.TotalVariation:G4}  {result.MillisecondsPerImage:F1} ms/image"));
    }
}
