namespace UpsellAdmin.ConnectorSimulator.Operations;

internal static class ServiceOperations
{
    public static void Register(OperationRegistry registry) => _ = registry;
}
