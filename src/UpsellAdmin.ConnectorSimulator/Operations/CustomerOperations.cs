namespace UpsellAdmin.ConnectorSimulator.Operations;

internal static class CustomerOperations
{
    public static void Register(OperationRegistry registry) => _ = registry;
}
