namespace Painterly.Core.PyTorch;

/// <summary>
/// A call a pickle asks for (REDUCE) on an allowed global, such as <c>torch._utils._rebuild_tensor_v2(...)</c>.
/// It is recorded with its arguments, not executed; the PyTorch checkpoint reader interprets it.
/// </summary>
/// <param name="Callable">The global being called.</param>
/// <param name="Arguments">The positional arguments.</param>
public sealed record PickleCall(PickleGlobal Callable, PickleTuple Arguments);
