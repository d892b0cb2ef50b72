using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Painterly.Web;
using Spectre.Console;

namespace Painterly.Cli.Commands;

/// <summary><c>painterly serve</c>: the web app (page + API) on Kestrel until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5000 (semicolon-separated for several).", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var models = new Option<string?>("--models") { Description = "Folder of *.safetensors styles (default: the models folder beside painterly)." };
        var maxPixels = new Option<long>("--max-pixels") { Description = "Refuse server-side images with more pixels.", DefaultValueFactory = _ => PainterlyWebOptions.DefaultMaxPixels };
        var maxBytes = new Option<long>("--max-upload-mb") { Description = "Refuse uploads larger than this many MB.", DefaultValueFactory = _ => PainterlyWebOptions.DefaultMaxRequestBytes / (1024 * 1024) };
        urls.Check(ListenAddresses.AreValid, "--urls must be http:// or https:// addresses with a port of 0..65535, e.g. http://127.0.0.1:5000 (semicolon-separated for several).");
        maxPixels.Check(v => v >= 64, "--max-pixels must be at least 64.");
        maxBytes.Check(v => v is >= 1 and <= 1024 * 1024, "--max-upload-mb must be 1..1048576.");
        var command = new Command("serve", "Serve the web app: pick a photo and a style, stylize in the browser.") { urls, models, maxPixels, maxBytes };
        command.SetAction(async (parse, cancellation) =>
        {
            string? folder = parse.GetValue(models);
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new UserException($"--models: {folder} is not a folder; give the folder that holds the *.safetensors styles.", ExitCodes.Usage);
            }

            if (!File.Exists(Path.Combine(PainterlyWebHost.WebRoot, "lib", "ort", "ort.min.mjs")))
            {
                throw new UserException("onnxruntime-web is not installed beside the program (the build needs npm): apt-get install npm, then run ./painterly again to rebuild.");
            }

            var options = new PainterlyWebOptions
            {
                ModelsFolder = folder,
                MaxPixels = parse.GetValue(maxPixels),
                MaxRequestBytes = parse.GetValue(maxBytes) * 1024 * 1024,
            };
            var builder = PainterlyWebHost.CreateBuilder(options);
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            await using var app = PainterlyWebHost.Build(builder);
            await app.StartAsync(cancellation);
            console.MarkupLine($"Painterly is serving on [link]{Markup.Escape(string.Join(", ", app.Urls))}[/]; press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellation);
            return ExitCodes.Success;
        });
        return command;
    }
}
