namespace Painterly.Core.PyTorch;

/// <summary>
/// The unpickler's stack and marks, bounded. As in CPython, nothing can be popped from below the latest mark,
/// so a hostile pickle cannot reach into an enclosing container's items.
/// </summary>
internal sealed class PickleStack
{
    private readonly List<object?> items = [];
    private readonly List<int> marks = [];
    private readonly int maxItems;
    private readonly Func<string, InvalidDataException> fail;

    /// <summary>A stack of at most <paramref name="maxItems"/> items and marks together.</summary>
    public PickleStack(int maxItems, Func<string, InvalidDataException> fail)
    {
        this.maxItems = maxItems;
        this.fail = fail;
    }

    private int Fence => marks.Count == 0 ? 0 : marks[^1];

    /// <summary>Empties the stack and drops every mark.</summary>
    public void Clear()
    {
        items.Clear();
        marks.Clear();
    }

    /// <summary>Pushes <paramref name="value"/>.</summary>
    public void Push(object? value)
    {
        CheckRoom();
        items.Add(value);
    }

    /// <summary>Pops the top item.</summary>
    public object? Pop()
    {
        object? top = Peek();
        items.RemoveAt(items.Count - 1);
        return top;
    }

    /// <summary>The top item, left in place.</summary>
    public object? Peek() => items.Count > Fence ? items[^1] : throw Underflow();

    /// <summary>POP: the top item, or the latest mark when no item is above it (as CPython does).</summary>
    public void PopItemOrMark()
    {
        if (items.Count > Fence)
        {
            items.RemoveAt(items.Count - 1);
        }
        else if (marks.Count > 0)
        {
            marks.RemoveAt(marks.Count - 1);
        }
        else
        {
            throw Underflow();
        }
    }

    /// <summary>Sets a mark above the current top.</summary>
    public void Mark()
    {
        CheckRoom();
        marks.Add(items.Count);
    }

    /// <summary>Removes and returns the items above the latest mark (oldest first), and the mark.</summary>
    public List<object?> PopToMark()
    {
        if (marks.Count == 0)
        {
            throw fail("no MARK to collect items up to.");
        }

        int start = marks[^1];
        marks.RemoveAt(marks.Count - 1);
        var popped = items.GetRange(start, items.Count - start);
        items.RemoveRange(start, items.Count - start);
        return popped;
    }

    private void CheckRoom()
    {
        if (items.Count + marks.Count >= maxItems)
        {
            throw fail($"the stack grows past {maxItems} entries.");
        }
    }

    private InvalidDataException Underflow() => fail("the stack is empty where a value is needed (stack underflow).");
}
