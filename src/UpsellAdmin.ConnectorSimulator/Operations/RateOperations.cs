namespace UpsellAdmin.ConnectorSimulator.Operations;

internal static class RateOperations
{
    public static void Register(OperationRegistry registry) => _ = registry;
}
