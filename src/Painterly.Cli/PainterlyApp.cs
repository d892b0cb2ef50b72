using System.CommandLine;
using Painterly.Cli.Commands;
using Spectre.Console;

namespace Painterly.Cli;

/// <summary>The <c>painterly</c> command line: parses, runs one command, maps failures to exit codes.</summary>
internal static class PainterlyApp
{
    /// <summary>Shown with every command; adds stack traces to errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and extra detail on errors.",
        Recursive = true,
    };

    public static int Run(string[] args, IAnsiConsole console, TextWriter stderr)
    {
        var root = new RootCommand("Painterly: fast neural style transfer, from training to the device.");
        root.Options.Add(Verbose);
        root.Subcommands.Add(StylizeCommand.Create(console));
        root.Subcommands.Add(InspectCommand.Create(console));
        root.Subcommands.Add(StylesCommand.Create(console));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine($"Run 'painterly {string.Join(' ', parse.CommandResult.Command.Name == root.Name ? [] : new[] { parse.CommandResult.Command.Name })} --help' for usage.".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = console.Profile.Out.Writer, Error = stderr });
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, stderr, parse.GetValue(Verbose));
        }
    }
}
