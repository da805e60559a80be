namespace UpsellAdmin.ConnectorSimulator;

/// <summary>
/// Settings of the Connector API simulator. The instance registered by
/// <see cref="ConnectorSimulatorExtensions.AddConnectorSimulator"/> is live: tests may change the fault-injection
/// and rate-limit fields between calls and the next request sees the new values. Seed, Today and the seed sizes
/// are read once, when the store is built.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Requests allowed per AccessToken inside <see cref="RateLimitWindow"/> (Mews: 200). 0 or less disables the limit.</summary>
    public int RateLimit { get; set; } = 200;

    /// <summary>Length of the sliding rate-limit window (Mews: 30 s), anchored at the oldest request still inside it.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the demo data and of the fault-injection random sequence. Same seed, same data, same faults.</summary>
    public int Seed { get; set; } = 20261122;

    /// <summary>The simulator's "today" (business date) for seeding reservations, prices and availability. Null: today in UTC.</summary>
    public DateOnly? Today { get; set; }

    /// <summary>Clock used for NowUtc, CreatedUtc/UpdatedUtc of writes and the rate-limit window. Null: the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Customers in the demo chain (John Smith and Jane Doe included).</summary>
    public int CustomerCount { get; set; } = 200;

    /// <summary>Future reservations seeded per enterprise, arriving over the next <see cref="ReservationHorizonDays"/> days.</summary>
    public int ReservationsPerEnterprise { get; set; } = 120;

    /// <summary>Arrival horizon of the seeded future reservations.</summary>
    public int ReservationHorizonDays { get; set; } = 60;

    /// <summary>
    /// Extra arrivals for a benchmark: <see cref="BulkArrivalsOptions.Count"/> more reservations (each with its own new
    /// customer) arriving on one date in one enterprise. Count 0 (the default) adds nothing.
    /// </summary>
    public BulkArrivalsOptions BulkArrivals { get; set; } = new();

    // ---- fault injection (applied to requests that passed authentication and the rate limit) ----

    /// <summary>Share (0..1) of requests answered 500 before anything is executed.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share (0..1) of requests answered 408 before anything is executed.</summary>
    public double RequestTimeoutRate { get; set; }

    /// <summary>Share (0..1) of requests whose connection is aborted (no response) before anything is executed.</summary>
    public double DropConnectionRate { get; set; }

    /// <summary>Delay added to every request before it is executed (Task.Delay, cancelled when the client goes away).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Share (0..1) of write requests that are applied to the store and then answered 500.</summary>
    public double PostWriteServerErrorRate { get; set; }

    /// <summary>Share (0..1) of write requests that are applied to the store and then have their connection aborted.</summary>
    public double PostWriteDropConnectionRate { get; set; }

    /// <summary>Delay after a write was applied and before its response is sent: lets a client time out on a write that landed.</summary>
    public TimeSpan PostWriteDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Stop injecting once this many faults (of any kind, counted in <see cref="SimulatorStatistics.FaultsInjected"/>)
    /// were injected, e.g. 2 = "the next two calls fail, then everything succeeds". Null: no limit.
    /// </summary>
    public int? MaxInjectedFaults { get; set; }

    /// <summary>
    /// Operations the fault injection applies to, written as after <c>/api/connector/v1/</c>, e.g. <c>orders/add</c>.
    /// Empty: every operation. Replace the whole set to change it while requests run.
    /// </summary>
    public IReadOnlySet<string> FaultOperations { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    internal bool FaultsApplyTo(string operation)
    {
        var set = FaultOperations;
        return set.Count == 0 || set.Contains(operation);
    }
}

/// <summary>"Seed N extra arrivals on date D for enterprise E" (<see cref="SimulatorOptions.BulkArrivals"/>).</summary>
public sealed class BulkArrivalsOptions
{
    /// <summary>How many arrivals to add; 0 or less adds none.</summary>
    public int Count { get; set; }

    /// <summary>Their arrival date (local to the enterprise). Null: the simulator's Today.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>The enterprise they arrive at. Null: enterprise A (<see cref="DemoIds.EnterpriseA"/>).</summary>
    public Guid? EnterpriseId { get; set; }
}
