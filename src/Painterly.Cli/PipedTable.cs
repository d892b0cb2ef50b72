using Spectre.Console;
using Spectre.Console.Rendering;

namespace Painterly.Cli;

/// <summary>
/// Writes a table so that piped output has no trailing spaces: Spectre pads every cell of the last column to its
/// width, which tools reading the lines (diff, grep $, editors) then carry along.
/// </summary>
internal static class PipedTable
{
    public static void Write(IAnsiConsole console, IRenderable widget)
    {
        if (console.Profile.Capabilities.Ansi)
        {
            // A terminal: the padding is invisible and colours may span it, so leave the rendering alone.
            console.Write(widget);
            return;
        }

        var buffer = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(buffer),
            Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = console.Profile.Width;
        plain.Write(widget);
        var writer = console.Profile.Out.Writer;
        foreach (string line in buffer.ToString().Split('\n'))
        {
            if (line.Length > 0)
            {
                writer.WriteLine(line.TrimEnd(' ', '\r'));
            }
        }
    }
}
