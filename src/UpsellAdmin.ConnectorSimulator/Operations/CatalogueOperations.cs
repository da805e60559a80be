namespace UpsellAdmin.ConnectorSimulator.Operations;

internal static class CatalogueOperations
{
    public static void Register(OperationRegistry registry) => _ = registry;
}
