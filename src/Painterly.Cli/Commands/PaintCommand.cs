using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly paint</c>: the original Gatys optimisation, for any style without training.</summary>
internal static class PaintCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var content = new Option<string>("--content", "-c") { Description = "The photo to paint.", Required = true };
        var style = new Option<string[]>("--style", "-s") { Description = "Style image (repeat for a blend).", Required = true, AllowMultipleArgumentsPerToken = false };
        var styleWeights = new Option<string?>("--style-weights") { Description = "Blend weights, one per --style, e.g. 0.7,0.3 (default equal)." };
        var output = new Option<string?>("--output", "-o") { Description = "Output image (default <content>-<style>.png in the current folder)." };
        var size = new Option<int>("--size") { Description = "Longest side of the result; above 512 it paints at half size first.", DefaultValueFactory = _ => 512 };
        var iterations = new Option<int>("--iterations", "-n") { Description = "Optimisation iterations.", DefaultValueFactory = _ => 200 };
        // Literal names: building the command tree must not load Painterly.Torch (see TorchIsolationTests).
        var optimizer = new Option<string>("--optimizer") { Description = "lbfgs or adam.", DefaultValueFactory = _ => "lbfgs" };
        optimizer.AcceptOnlyFromAmong("lbfgs", "adam");
        var lr = new Option<double?>("--lr") { Description = "Learning rate (default lbfgs 1, adam 4)." };
        var contentWeight = new Option<double?>("--content-weight") { Description = "Content weight (default resnet18 10)." };
        var styleWeight = new Option<double?>("--style-weight") { Description = "Style weight (default resnet18 1e6)." };
        var tvWeight = new Option<double?>("--tv-weight") { Description = "Total variation weight (default resnet18 1)." };
        var contentTap = new Option<string?>("--content-tap") { Description = "Content layer (resnet18: stem, layer1, layer2 (default), layer3)." };
        var init = new Option<string>("--init") { Description = "Start from the content photo or from noise.", DefaultValueFactory = _ => "content" };
        init.AcceptOnlyFromAmong("content", "noise");
        var styleScale = new Option<double>("--style-scale") { Description = "Style image size relative to the content (bigger = larger strokes).", DefaultValueFactory = _ => 1.0 };
        var preserveColor = new Option<bool>("--preserve-color") { Description = "Keep the photo's colours; take only the painted luminance." };
        var lossNetwork = new Option<string>("--loss-network") { Description = "resnet18, vgg16:<file> or vgg19:<file>.", DefaultValueFactory = _ => "resnet18" };
        var saveEvery = new Option<int>("--save-every") { Description = "Write <out>-iterNNNN.png every N iterations (0 = never)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the noise start.", DefaultValueFactory = _ => 1 };

        var command = new Command("paint", "Paint one photo in the style of any painting by optimisation (Gatys et al.), no training.")
        {
            content, style, styleWeights, output, size, iterations, optimizer, lr, contentWeight, styleWeight, tvWeight, contentTap,
            init, styleScale, preserveColor, lossNetwork, saveEvery, seed,
        };
        command.SetAction(parse =>
        {
            string contentPath = parse.GetValue(content)!;
            string[] styles = parse.GetValue(style)!;
            var request = new PaintRequest(
                contentPath,
                styles,
                ParseWeights(parse.GetValue(styleWeights), styles.Length),
                parse.GetValue(output) ?? DefaultOutput(contentPath, styles[0]),
                parse.GetValue(size),
                parse.GetValue(iterations),
                parse.GetValue(optimizer)!,
                parse.GetValue(lr),
                parse.GetValue(contentWeight),
                parse.GetValue(styleWeight),
                parse.GetValue(tvWeight),
                parse.GetValue(contentTap),
                parse.GetValue(init)!,
                parse.GetValue(styleScale),
                parse.GetValue(preserveColor),
                parse.GetValue(lossNetwork)!,
                parse.GetValue(saveEvery),
                parse.GetValue(seed),
                parse.GetValue(PainterlyApp.Verbose));
            Check(File.Exists(contentPath), $"content image '{contentPath}' does not exist; check the path.");
            foreach (string s in styles)
            {
                Check(File.Exists(s), $"style image '{s}' does not exist; check the path.");
            }

            return PaintRunner.Run(request, console);
        });
        return command;
    }

    /// <summary>"0.7,0.3" as numbers, one per style; a wrong count or a bad number is a usage error.</summary>
    private static double[]? ParseWeights(string? text, int styles)
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]) || weights[i] < 0 || !double.IsFinite(weights[i]))
            {
                throw new UserException($"--style-weights: '{parts[i]}' is not a number of 0 or more; write e.g. 0.7,0.3.", ExitCodes.Usage);
            }
        }

        return weights.Length == styles
            ? weights
            : throw new UserException($"--style-weights has {weights.Length} value(s) but {styles} --style image(s) were given; give one weight per style.", ExitCodes.Usage);
    }

    private static string DefaultOutput(string content, string style) =>
        $"{Path.GetFileNameWithoutExtension(content)}-{Path.GetFileNameWithoutExtension(style)}.png";

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new UserException(message);
        }
    }
}

/// <summary>The parsed <c>paint</c> command line, free of TorchSharp types so the command tree never loads them.</summary>
internal sealed record PaintRequest(
    string Content, string[] Styles, double[]? StyleWeights, string Output, int Size, int Iterations, string Optimizer, double? LearningRate,
    double? ContentWeight, double? StyleWeight, double? TvWeight, string? ContentTap, string Init, double StyleScale, bool PreserveColor,
    string LossNetwork, int SaveEvery, ulong Seed, bool Verbose);
