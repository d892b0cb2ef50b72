using Painterly.Core.Images;

namespace Painterly.Cli;

/// <summary>Turns an exception into the one line a user reads, and the exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception error, TextWriter stderr, bool verbose)
    {
        var (message, code) = Describe(error);
        stderr.WriteLine($"error: {TerminalText.Clean(message)}");
        if (verbose)
        {
            stderr.WriteLine(error.ToString());
        }

        return code;
    }

    public static (string Message, int ExitCode) Describe(Exception error) => error switch
    {
        UserException user => (user.Message, user.ExitCode),
        InvalidDataException or ImageException => (error.Message, ExitCodes.Failure),
        FileNotFoundException notFound => ($"{notFound.FileName ?? "file"} does not exist; check the path.", ExitCodes.Failure),
        DirectoryNotFoundException => ($"{error.Message} Check the path.", ExitCodes.Failure),
        UnauthorizedAccessException => ($"{error.Message} Check the file permissions.", ExitCodes.Failure),
        IOException => ($"{error.Message}", ExitCodes.Failure),
        OutOfMemoryException or InsufficientExecutionStackException => ("out of memory; try a smaller --max-size or --tile.", ExitCodes.Failure),
        OperationCanceledException => ("cancelled.", ExitCodes.Failure),
        _ => ($"{error.GetType().Name}: {error.Message} (run with --verbose for details)", ExitCodes.Failure),
    };
}
