using System.CommandLine;
using Painterly.Cli.Commands;
using Spectre.Console;

namespace Painterly.Cli;

/// <summary>The <c>painterly</c> command line: parses, runs one command, maps failures to exit codes.</summary>
internal static class PainterlyApp
{
    /// <summary>Columns used when standard output is not a terminal, wide enough that no line wraps.</summary>
    public const int RedirectedWidth = 4096;

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
        root.Subcommands.Add(StylizeCommand.Create(console, stderr));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(ConvertCommand.Create(console));
        root.Subcommands.Add(InspectCommand.Create(console));
        root.Subcommands.Add(StylesCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(EvaluateCommand.Create(console));
        root.Subcommands.Add(PaintCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));

        // With nothing to do, show what can be done.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            string command = parse.CommandResult.Command == root ? "painterly" : $"painterly {parse.CommandResult.Command.Name}";
            // The parser reports a missing subcommand too when the real problem is an unknown word: show the latter.
            var error = parse.Errors.FirstOrDefault(e => e.Message.Contains("nrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            string message = string.Join(' ', error.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
            stderr.WriteLine($"error: {message}; run '{command} --help' for usage.");
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
