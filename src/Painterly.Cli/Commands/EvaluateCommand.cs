using System.CommandLine;
using System.Text.Json;
using Painterly.Core.Models;
using Painterly.Torch.Losses;
using Painterly.Torch.Training;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly evaluate</c>: mean content, style and TV losses of a model over a folder of photos.</summary>
internal static class EvaluateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Argument<string>("model") { Description = "A .safetensors style model." };
        var images = new Option<string>("--images") { Description = "Folder of photos.", Required = true };
        var style = new Option<string?>("--style") { Description = "Style image for the style loss." };
        var size = new Option<int>("--size") { Description = "Longest side the photos are resized to.", DefaultValueFactory = _ => 256 };
        var lossNetwork = new Option<string>("--loss-network") { Description = "resnet18, vgg16:<file> or vgg19:<file>.", DefaultValueFactory = _ => LossNetworkFactory.Default };
        var json = new Option<bool>("--json") { Description = "Print the numbers as JSON." };
        var command = new Command("evaluate", "Measure a style model's losses over a folder of photos.") { model, images, style, size, lossNetwork, json };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            if (!File.Exists(path))
            {
                throw new UserException($"model '{path}' does not exist; check the path.");
            }

            string? styleImage = parse.GetValue(style);
            if (styleImage is not null && !File.Exists(styleImage))
            {
                throw new UserException($"style image '{styleImage}' does not exist; check the path.");
            }

            EvaluationResult result;
            try
            {
                result = StyleEvaluator.Evaluate(StyleModelFile.Load(path), parse.GetValue(images)!, styleImage, parse.GetValue(lossNetwork)!, parse.GetValue(size));
            }
            catch (ArgumentException e)
            {
                throw new UserException(e.Message);
            }

            if (parse.GetValue(json))
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                console.MarkupLineInterpolated($"{result.Images} images  content {result.Content:G4}  style {(result.Style is double s ? s.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "-")}  tv {result.TotalVariation:G4}  {result.MillisecondsPerImage:F1} ms/image");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
