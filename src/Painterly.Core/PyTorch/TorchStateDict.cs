namespace Painterly.Core.PyTorch;

/// <summary>
/// Finds the state_dict (a dict of names to tensors) in what a checkpoint's pickle holds: the top level itself,
/// or a dict inside it such as <c>{"state_dict": ...}</c> or <c>{"model": ..., "optimizer": ...}</c>. A
/// <c>module.</c> prefix on every name (from <c>nn.DataParallel</c>) is removed.
/// </summary>
internal static class TorchStateDict
{
    private const int MaxDepth = 4;
    private const int MaxDictsSearched = 10_000;
    private const string DataParallelPrefix = "module.";

    // When a checkpoint holds several dicts of tensors (weights and an EMA copy, say), these win, in this order.
    private static readonly string[] PreferredKeys = ["state_dict", "model_state_dict", "model", "net", "network"];

    /// <summary>The tensors of the state_dict in <paramref name="root"/>, in the file's order.</summary>
    /// <exception cref="InvalidDataException">There is no dict of tensors, several without a preferred one, or a tensor is malformed.</exception>
    public static IReadOnlyList<(string Name, TorchTensorReference Tensor)> Find(object? root)
    {
        var found = Search(root);
        var names = found.Keys.Cast<string>().ToList();
        bool strip = names.All(n => n.StartsWith(DataParallelPrefix, StringComparison.Ordinal) && n.Length > DataParallelPrefix.Length);
        var tensors = new List<(string, TorchTensorReference)>(found.Count);
        foreach (var (key, value) in found.Entries)
        {
            string name = (string)key!;
            try
            {
                tensors.Add((strip ? name[DataParallelPrefix.Length..] : name, TorchTensorReference.FromCall((PickleCall)value!)));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"tensor '{PickleDisplay.Text(name)}': {e.Message}", e);
            }
        }

        return tensors;
    }

    // Breadth first, so the outermost dict of tensors wins; bounded in depth and breadth, and only dicts are
    // entered, so a self-referencing pickle cannot make it loop.
    private static PickleDict Search(object? root)
    {
        var level = new List<(string Path, object? Value)> { ("", root) };
        int searched = 0;
        for (int depth = 0; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var candidates = level.Where(e => IsTensorDict(e.Value)).ToList();
            if (candidates.Count == 1)
            {
                return (PickleDict)candidates[0].Value!;
            }

            if (candidates.Count > 1)
            {
                return Preferred(candidates);
            }

            var next = new List<(string, object?)>();
            foreach (var (path, value) in level)
            {
                if (value is not PickleDict dict)
                {
                    continue;
                }

                searched++;
                if (searched > MaxDictsSearched)
                {
                    throw new InvalidDataException($"no dict of tensors among the first {MaxDictsSearched} dicts.");
                }

                foreach (var (key, child) in dict.Entries)
                {
                    if (key is string name && child is PickleDict)
                    {
                        next.Add((path.Length == 0 ? name : path + "/" + name, child));
                    }
                }
            }

            level = next;
        }

        throw new InvalidDataException($"holds no state_dict (no dict whose values are all tensors); the top level is {Describe(root)}.");
    }

    private static bool IsTensorDict(object? value) =>
        value is PickleDict { Count: > 0 } dict && dict.Entries.All(e => e.Key is string && TorchTensorReference.IsTensorCall(e.Value));

    private static PickleDict Preferred(List<(string Path, object? Value)> candidates)
    {
        foreach (string key in PreferredKeys)
        {
            foreach (var (path, value) in candidates)
            {
                if (path == key || path.EndsWith("/" + key, StringComparison.Ordinal))
                {
                    return (PickleDict)value!;
                }
            }
        }

        throw new InvalidDataException(
            $"holds several dicts of tensors ({string.Join(", ", candidates.Take(5).Select(c => PickleDisplay.Text(c.Path)))}) and none is named {string.Join(" or ", PreferredKeys)}.");
    }

    private static string Describe(object? root)
    {
        if (root is not PickleDict dict)
        {
            return "a " + PickleDisplay.TypeName(root);
        }

        var keys = dict.Keys.Take(8).Select(k => k is string s ? PickleDisplay.Text(s) : PickleDisplay.TypeName(k));
        return $"a dict with keys {string.Join(", ", keys)}{(dict.Count > 8 ? ", ..." : "")}";
    }
}
