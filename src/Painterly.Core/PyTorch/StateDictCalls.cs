namespace Painterly.Core.PyTorch;

/// <summary>
/// What REDUCE, NEWOBJ and BUILD mean for the globals of <see cref="StateDictGlobals"/>, interpreted without
/// running anything: <c>OrderedDict(...)</c> becomes a <see cref="PickleDict"/>, a torch function becomes a
/// <see cref="PickleCall"/> for the checkpoint reader, and an OrderedDict's state (its <c>_metadata</c>) is dropped.
/// </summary>
internal sealed class StateDictCalls
{
    private readonly Func<string, InvalidDataException> fail;

    /// <summary>Calls that report problems through <paramref name="fail"/>.</summary>
    public StateDictCalls(Func<string, InvalidDataException> fail) => this.fail = fail;

    /// <summary>REDUCE: <paramref name="callable"/> applied to <paramref name="arguments"/>.</summary>
    public object Call(object? callable, object? arguments)
    {
        if (callable is not PickleGlobal global)
        {
            throw fail($"REDUCE needs a callable, got a {PickleDisplay.TypeName(callable)}.");
        }

        if (arguments is not PickleTuple tuple)
        {
            throw fail($"REDUCE needs a tuple of arguments for {PickleDisplay.Text(global.FullName)}, got a {PickleDisplay.TypeName(arguments)}.");
        }

        if (global == StateDictGlobals.OrderedDict)
        {
            return NewOrderedDict(tuple);
        }

        if (StateDictGlobals.TryGetStorageDType(global, out _))
        {
            throw fail($"{global.FullName} is only a storage type in a persistent id; a state_dict never calls it.");
        }

        // Only allowed globals exist, so this is one of the torch._utils._rebuild_* functions.
        return new PickleCall(global, tuple);
    }

    /// <summary>NEWOBJ and NEWOBJ_EX: <c>cls.__new__(cls, *arguments, **keywords)</c>; only OrderedDict qualifies.</summary>
    public PickleDict Construct(object? type, object? arguments, object? keywords)
    {
        if (type is not PickleGlobal global || global != StateDictGlobals.OrderedDict)
        {
            throw fail($"refusing to construct a {PickleDisplay.TypeName(type)}: only OrderedDict is created with NEWOBJ in a state_dict.");
        }

        if (keywords is not (null or PickleDict { Count: 0 }))
        {
            throw fail("OrderedDict is constructed with keyword arguments.");
        }

        return arguments is PickleTuple tuple ? NewOrderedDict(tuple) : throw fail("NEWOBJ needs a tuple of arguments.");
    }

    /// <summary>
    /// BUILD: sets <paramref name="target"/>'s attributes from <paramref name="state"/>. The only object a state_dict
    /// builds is an OrderedDict getting its <c>_metadata</c> (module versions), which loading tensors does not need.
    /// </summary>
    public void Build(object? target, object? state)
    {
        if (target is not PickleDict)
        {
            throw fail($"refusing to set the state of a {PickleDisplay.TypeName(target)}: a state_dict only sets an OrderedDict's _metadata.");
        }

        if (state is not (PickleDict or PickleTuple))
        {
            throw fail($"an OrderedDict's state is a {PickleDisplay.TypeName(state)}, not a dict.");
        }
    }

    // OrderedDict() or OrderedDict([(key, value), ...]).
    private PickleDict NewOrderedDict(PickleTuple arguments)
    {
        var dict = new PickleDict();
        if (arguments.Count == 0)
        {
            return dict;
        }

        if (arguments.Count != 1 || arguments[0] is not List<object?> pairs)
        {
            throw fail("OrderedDict is called with arguments other than nothing or a list of pairs.");
        }

        foreach (var pair in pairs)
        {
            if (pair is not (PickleTuple { Count: 2 } or List<object?> { Count: 2 }))
            {
                throw fail("OrderedDict's list holds an item that is not a key-value pair.");
            }

            var two = (IReadOnlyList<object?>)pair;
            if (!dict.TrySet(two[0], two[1]))
            {
                throw fail($"a {PickleDisplay.TypeName(two[0])} cannot be a dict key (unhashable).");
            }
        }

        return dict;
    }
}
