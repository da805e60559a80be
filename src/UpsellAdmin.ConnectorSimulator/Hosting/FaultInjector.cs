namespace UpsellAdmin.ConnectorSimulator;

/// <summary>Deterministic dice for fault injection: one Random seeded with <see cref="SimulatorOptions.Seed"/>.</summary>
internal sealed class FaultInjector(SimulatorOptions options)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(options.Seed);

    /// <summary>Three draws per request, always, so the sequence does not depend on which rates are set.</summary>
    public PreFault DrawBeforeExecution()
    {
        double drop, error, timeout;
        using (_gate.EnterScope())
        {
            drop = _random.NextDouble();
            error = _random.NextDouble();
            timeout = _random.NextDouble();
        }

        if (drop < options.DropConnectionRate)
        {
            return PreFault.DropConnection;
        }

        if (error < options.ServerErrorRate)
        {
            return PreFault.ServerError;
        }

        return timeout < options.RequestTimeoutRate ? PreFault.RequestTimeout : PreFault.None;
    }

    public PostWriteFault DrawAfterWrite()
    {
        double drop, error;
        using (_gate.EnterScope())
        {
            drop = _random.NextDouble();
            error = _random.NextDouble();
        }

        if (drop < options.PostWriteDropConnectionRate)
        {
            return PostWriteFault.DropConnection;
        }

        return error < options.PostWriteServerErrorRate ? PostWriteFault.ServerError : PostWriteFault.None;
    }
}

internal enum PreFault
{
    None,
    DropConnection,
    ServerError,
    RequestTimeout,
}

internal enum PostWriteFault
{
    None,
    DropConnection,
    ServerError,
}
