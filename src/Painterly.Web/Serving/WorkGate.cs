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
    private readonly IdleMemoryTrim trim;
    private int admitted;

    /// <summary>Creates the gate from the limits in <paramref name="options"/>.</summary>
    public WorkGate(PainterlyWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        running = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        capacity = options.MaxConcurrency + options.MaxQueue;
        queueTimeout = options.QueueTimeout;
        trim = new IdleMemoryTrim(() => Admitted == 0, options.IdleTrimDelay);
    }

    /// <summary>Seconds a refused client should wait before retrying.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(queueTimeout.TotalSeconds / 10));

    /// <summary>Jobs running or waiting now.</summary>
    public int Admitted => Volatile.Read(ref admitted);

    /// <summary>
    /// Takes a place among the jobs running or waiting, or returns null when all are taken. Endpoints take it
    /// before reading the upload, so at most <c>concurrency + queue</c> uploads are held in memory at once and a
    /// burst is refused without reading its bodies.
    /// </summary>
    public Admission? TryAdmit()
    {
        if (Interlocked.Increment(ref admitted) > capacity)
        {
            Interlocked.Decrement(ref admitted);
            return null;
        }

        return new Admission(this);
    }

    /// <summary>
    /// Takes a place and waits for a slot to run in; returns a lease to dispose when the job ends, or null when
    /// the queue is full or the wait timed out.
    /// </summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellation)
    {
        var admission = TryAdmit();
        if (admission is null)
        {
            return null;
        }

        bool started = false;
        try
        {
            started = await admission.TryStartAsync(cancellation);
            return started ? admission : null;
        }
        finally
        {
            if (!started)
            {
                admission.Dispose();
            }
        }
    }

    /// <summary>How many times memory was given back after the gate went idle.</summary>
    public int IdleTrims => trim.Trims;

    /// <inheritdoc/>
    public void Dispose()
    {
        trim.Dispose();
        running.Dispose();
    }

    /// <summary>A place at the gate: waiting until <see cref="TryStartAsync"/> succeeds, then running; dispose to leave.</summary>
    public sealed class Admission : IDisposable
    {
        private readonly WorkGate gate;
        private int started;
        private int released;

        internal Admission(WorkGate gate) => this.gate = gate;

        /// <summary>Waits for a slot to run in; false when the queue timeout passed first.</summary>
        public async Task<bool> TryStartAsync(CancellationToken cancellation)
        {
            if (!await gate.running.WaitAsync(gate.queueTimeout, cancellation))
            {
                return false;
            }

            Volatile.Write(ref started, 1);
            return true;
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                if (Volatile.Read(ref started) == 1)
                {
                    gate.running.Release();
                }

                if (Interlocked.Decrement(ref gate.admitted) == 0)
                {
                    gate.trim.Schedule();
                }
            }
        }
    }
}
