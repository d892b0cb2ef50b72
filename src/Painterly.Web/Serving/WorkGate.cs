namespace Painterly.Web.Serving;

/// <summary>
/// Bounds server-side work: at most <c>concurrency</c> jobs run and at most <c>queue</c> wait; a job beyond that,
/// or one that waits past the timeout, is refused at once (the caller answers 503) instead of piling up.
/// </summary>
public sealed class WorkGate : IDisposable
{
    private readonly SemaphoreSlim running;
    private readonly int capacity;
    private readonly TimeSpan queueTimeout;
    private int admitted;

    /// <summary>Creates the gate from the limits in <paramref name="options"/>.</summary>
    public WorkGate(PainterlyWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        running = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        capacity = options.MaxConcurrency + options.MaxQueue;
        queueTimeout = options.QueueTimeout;
    }

    /// <summary>Seconds a refused client should wait before retrying.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(queueTimeout.TotalSeconds / 10));

    /// <summary>Jobs running or waiting now.</summary>
    public int Admitted => Volatile.Read(ref admitted);

    /// <summary>
    /// Waits for a slot; returns a lease to dispose when the job ends, or null when the queue is full or the
    /// wait timed out.
    /// </summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellation)
    {
        if (Interlocked.Increment(ref admitted) > capacity)
        {
            Interlocked.Decrement(ref admitted);
            return null;
        }

        bool entered = false;
        try
        {
            entered = await running.WaitAsync(queueTimeout, cancellation);
            return entered ? new Lease(this) : null;
        }
        finally
        {
            if (!entered)
            {
                Interlocked.Decrement(ref admitted);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => running.Dispose();

    private sealed class Lease(WorkGate gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.running.Release();
                Interlocked.Decrement(ref gate.admitted);
            }
        }
    }
}
