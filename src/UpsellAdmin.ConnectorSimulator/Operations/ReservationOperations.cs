namespace UpsellAdmin.ConnectorSimulator.Operations;

internal static class ReservationOperations
{
    public static void Register(OperationRegistry registry) => _ = registry;
}
