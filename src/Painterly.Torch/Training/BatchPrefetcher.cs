using System.Threading.Channels;

namespace Painterly.Torch.Training;

/// <summary>Decodes the batches of the coming steps on worker threads, a few steps ahead of the optimizer.</summary>
internal sealed class BatchPrefetcher : IDisposable
{
    private readonly Channel<(long Step, float[] Data)> channel = Channel.CreateBounded<(long, float[])>(3);
    private readonly CancellationTokenSource stop = new();
    private readonly Task producer;

    public BatchPrefetcher(PhotoDataset dataset, long firstStep, long endStep, int batchSize)
    {
        producer = Task.Run(async () =>
        {
            try
            {
                for (long step = firstStep; step < endStep; step++)
                {
                    await channel.Writer.WriteAsync((step, dataset.LoadBatch(step, batchSize)), stop.Token).ConfigureAwait(false);
                }

                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e is OperationCanceledException ? null : e);
            }
        });
    }

    /// <summary>The batch of <paramref name="step"/>; waits when decoding lags behind.</summary>
    public float[] Take(long step)
    {
        (long Step, float[] Data) batch;
        try
        {
            batch = channel.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException e) when (e.InnerException is not null)
        {
            // The decoder's own error ("no photo could be decoded") is the one worth reporting, not the channel's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        var (got, data) = batch;
        return got == step ? data : throw new InvalidOperationException($"Batches out of order: expected step {step}, got {got}.");
    }

    public void Dispose()
    {
        stop.Cancel();
        try
        {
            producer.Wait();
        }
        catch (AggregateException)
        {
            // A decoding failure was already reported through Take.
        }

        stop.Dispose();
    }
}
