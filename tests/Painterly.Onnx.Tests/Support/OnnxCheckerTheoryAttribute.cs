namespace Painterly.Onnx.Tests;

/// <summary>
/// A theory that needs python3-onnx: skipped with a message where it is missing, unless the CI variable is set,
/// in which case it runs and fails, so a CI image without the checker cannot pass silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OnnxCheckerTheoryAttribute : TheoryAttribute
{
    public OnnxCheckerTheoryAttribute() => Skip = OnnxChecker.SkipReason!;
}
