using Painterly.Cli;

return PainterlyApp.Run(args, Spectre.Console.AnsiConsole.Console, Console.Error);
