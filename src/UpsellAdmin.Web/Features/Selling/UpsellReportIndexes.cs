using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpsellAdmin.Web.Features.Selling;

/// <summary>
/// The indexes the Upsell Performance report reads instead of the tables: for each activity table, one index from
/// (PropertyId, business day) and one from (PropertyId, Arrival) that also hold every column the report's grouped
/// queries filter, group or add up, so a chain-wide year never looks a row up in the table (measured with the
/// <c>report</c> benchmark: the lookups were most of the time). SQLite has no INCLUDE, so there the columns are part of
/// the key; SQL Server keys are capped at 1,700 bytes, so there they are INCLUDEd. Applied by each provider's
/// context (<c>Data/AppDbContext.cs</c>).
/// </summary>
public static class UpsellReportIndexes
{
    public static void Apply(ModelBuilder builder, bool sqlServer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var sales = builder.Entity<UpsellSale>();
        string[] saleColumns = [nameof(UpsellSale.Status), nameof(UpsellSale.Kind), nameof(UpsellSale.Channel), nameof(UpsellSale.AgentName),
            nameof(UpsellSale.AgentUserId), nameof(UpsellSale.ReservationId), nameof(UpsellSale.FromRoomType), nameof(UpsellSale.ToRoomType),
            nameof(UpsellSale.RuleCode), nameof(UpsellSale.ProductName), nameof(UpsellSale.TotalAmount), nameof(UpsellSale.UpgradeNights)];
        Covering(sales, "IX_UpsellSales_Report_SoldDate", [nameof(UpsellSale.PropertyId), nameof(UpsellSale.SoldDate)], saleColumns, sqlServer);
        Covering(sales, "IX_UpsellSales_Report_Arrival", [nameof(UpsellSale.PropertyId), nameof(UpsellSale.Arrival)], saleColumns, sqlServer);

        var presentations = builder.Entity<UpsellPresentation>();
        string[] presentationColumns = [nameof(UpsellPresentation.Channel), nameof(UpsellPresentation.AgentName), nameof(UpsellPresentation.AgentUserId),
            nameof(UpsellPresentation.ReservationId), nameof(UpsellPresentation.OffersCount)];
        Covering(presentations, "IX_UpsellPresentations_Report_Day", [nameof(UpsellPresentation.PropertyId), nameof(UpsellPresentation.Day)], presentationColumns, sqlServer);
        Covering(presentations, "IX_UpsellPresentations_Report_Arrival", [nameof(UpsellPresentation.PropertyId), nameof(UpsellPresentation.Arrival)], presentationColumns, sqlServer);

        var offers = builder.Entity<UpsellPresentedOffer>();
        string[] offerColumns = [nameof(UpsellPresentedOffer.Kind), nameof(UpsellPresentedOffer.Channel), nameof(UpsellPresentedOffer.AgentName),
            nameof(UpsellPresentedOffer.AgentUserId), nameof(UpsellPresentedOffer.FromRoomType), nameof(UpsellPresentedOffer.ToRoomType),
            nameof(UpsellPresentedOffer.RuleCode), nameof(UpsellPresentedOffer.ProductName), nameof(UpsellPresentedOffer.ReservationId)];
        Covering(offers, "IX_UpsellPresentedOffers_Report_Day", [nameof(UpsellPresentedOffer.PropertyId), nameof(UpsellPresentedOffer.Day)], offerColumns, sqlServer);
        Covering(offers, "IX_UpsellPresentedOffers_Report_Arrival", [nameof(UpsellPresentedOffer.PropertyId), nameof(UpsellPresentedOffer.Arrival)], offerColumns, sqlServer);

        var declines = builder.Entity<UpsellDecline>();
        string[] declineColumns = [nameof(UpsellDecline.Kind), nameof(UpsellDecline.Channel), nameof(UpsellDecline.AgentName), nameof(UpsellDecline.AgentUserId),
            nameof(UpsellDecline.FromRoomType), nameof(UpsellDecline.ToRoomType), nameof(UpsellDecline.RuleCode), nameof(UpsellDecline.ProductName),
            nameof(UpsellDecline.ReservationId)];
        Covering(declines, "IX_UpsellDeclines_Report_Day", [nameof(UpsellDecline.PropertyId), nameof(UpsellDecline.Day)], declineColumns, sqlServer);
        Covering(declines, "IX_UpsellDeclines_Report_Arrival", [nameof(UpsellDecline.PropertyId), nameof(UpsellDecline.Arrival)], declineColumns, sqlServer);
    }

    private static void Covering<T>(EntityTypeBuilder<T> entity, string name, string[] keys, string[] covered, bool sqlServer)
        where T : class
    {
        if (sqlServer)
        {
            entity.HasIndex(keys).HasDatabaseName(name).IncludeProperties(covered);
        }
        else
        {
            entity.HasIndex([.. keys, .. covered]).HasDatabaseName(name);
        }
    }
}
