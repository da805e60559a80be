using UpsellAdmin.ConnectorSimulator.Model;

namespace UpsellAdmin.ConnectorSimulator.Operations;

/// <summary><c>configuration/get</c> (§2.1).</summary>
internal static class ConfigurationOperations
{
    public static void Register(OperationRegistry registry) => registry.Read("configuration/get", Get);

    private sealed record Request(Guid? EnterpriseId);

    private static object Get(OperationContext context)
    {
        var request = context.Read<Request>();
        return context.Store.Locked(() =>
        {
            Enterprise enterprise;
            if (context.Grant.IsPortfolio && request.EnterpriseId is null)
            {
                // §1.3: a portfolio token without EnterpriseId gets the "dummy" portfolio enterprise.
                var first = context.Store.EnterpriseTable.Find(context.Grant.EnterpriseIds[0])!;
                enterprise = first with
                {
                    Id = DemoIds.PortfolioEnterprise,
                    ExternalIdentifier = null,
                    Name = "Connector API Portfolio",
                    ShortName = "CAP",
                    IsPortfolio = true,
                    AccountingConfiguration = null,
                };
            }
            else
            {
                enterprise = context.WriteEnterprise(request.EnterpriseId);
            }

            return new
            {
                NowUtc = context.Now,
                Enterprise = enterprise,
                Service = (Service?)null,
                PaymentCardStorage = (object?)null,
                IsIdentityDocumentNumberRequired = false,
            };
        });
    }
}
