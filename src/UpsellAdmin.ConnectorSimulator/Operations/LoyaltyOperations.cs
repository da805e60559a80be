namespace UpsellAdmin.ConnectorSimulator.Operations;

internal static class LoyaltyOperations
{
    public static void Register(OperationRegistry registry) => _ = registry;
}
