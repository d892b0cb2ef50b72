using Painterly.Cli;
using Spectre.Console;

var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Spectre falls back to 80 columns without a terminal; logs and pipes should keep each line whole.
    console.Profile.Width = PainterlyApp.RedirectedWidth;
}

return PainterlyApp.Run(args, console, Console.Error);
