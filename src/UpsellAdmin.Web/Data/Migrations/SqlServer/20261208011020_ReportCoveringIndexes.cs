using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpsellAdmin.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReportCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UpsellSales_PropertyId_Arrival_Status",
                table: "UpsellSales");

            migrationBuilder.DropIndex(
                name: "IX_UpsellSales_PropertyId_SoldDate_Status",
                table: "UpsellSales");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentedOffers_PropertyId_Arrival",
                table: "UpsellPresentedOffers");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentedOffers_PropertyId_Day",
                table: "UpsellPresentedOffers");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentations_PropertyId_Arrival",
                table: "UpsellPresentations");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentations_PropertyId_Day",
                table: "UpsellPresentations");

            migrationBuilder.DropIndex(
                name: "IX_UpsellDeclines_PropertyId_Arrival",
                table: "UpsellDeclines");

            migrationBuilder.DropIndex(
                name: "IX_UpsellDeclines_PropertyId_Day",
                table: "UpsellDeclines");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_Report_Arrival",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "Arrival" })
                .Annotation("SqlServer:Include", new[] { "Status", "Kind", "Channel", "AgentName", "AgentUserId", "ReservationId", "FromRoomType", "ToRoomType", "RuleCode", "ProductName", "TotalAmount", "UpgradeNights" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_Report_SoldDate",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "SoldDate" })
                .Annotation("SqlServer:Include", new[] { "Status", "Kind", "Channel", "AgentName", "AgentUserId", "ReservationId", "FromRoomType", "ToRoomType", "RuleCode", "ProductName", "TotalAmount", "UpgradeNights" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentedOffers_Report_Arrival",
                table: "UpsellPresentedOffers",
                columns: new[] { "PropertyId", "Arrival" })
                .Annotation("SqlServer:Include", new[] { "Kind", "Channel", "AgentName", "AgentUserId", "FromRoomType", "ToRoomType", "RuleCode", "ProductName", "ReservationId" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentedOffers_Report_Day",
                table: "UpsellPresentedOffers",
                columns: new[] { "PropertyId", "Day" })
                .Annotation("SqlServer:Include", new[] { "Kind", "Channel", "AgentName", "AgentUserId", "FromRoomType", "ToRoomType", "RuleCode", "ProductName", "ReservationId" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentations_Report_Arrival",
                table: "UpsellPresentations",
                columns: new[] { "PropertyId", "Arrival" })
                .Annotation("SqlServer:Include", new[] { "Channel", "AgentName", "AgentUserId", "ReservationId", "OffersCount" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentations_Report_Day",
                table: "UpsellPresentations",
                columns: new[] { "PropertyId", "Day" })
                .Annotation("SqlServer:Include", new[] { "Channel", "AgentName", "AgentUserId", "ReservationId", "OffersCount" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellDeclines_Report_Arrival",
                table: "UpsellDeclines",
                columns: new[] { "PropertyId", "Arrival" })
                .Annotation("SqlServer:Include", new[] { "Kind", "Channel", "AgentName", "AgentUserId", "FromRoomType", "ToRoomType", "RuleCode", "ProductName", "ReservationId" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellDeclines_Report_Day",
                table: "UpsellDeclines",
                columns: new[] { "PropertyId", "Day" })
                .Annotation("SqlServer:Include", new[] { "Kind", "Channel", "AgentName", "AgentUserId", "FromRoomType", "ToRoomType", "RuleCode", "ProductName", "ReservationId" });

            // Records from before the report: a decline's pair or product from its Offer text ("STD → SUP" or the add-on's
            // name), a presentation's agent user from the agent name (a person's user name; API clients have none).
            migrationBuilder.Sql("UPDATE [UpsellDeclines] SET [FromRoomType] = LEFT(LTRIM(RTRIM(LEFT([Offer], CHARINDEX(N'→', [Offer]) - 1))), 20), [ToRoomType] = LEFT(LTRIM(RTRIM(SUBSTRING([Offer], CHARINDEX(N'→', [Offer]) + 1, 200))), 20) WHERE [Kind] = 'RoomUpgrade' AND [FromRoomType] IS NULL AND CHARINDEX(N'→', [Offer]) > 1");
            migrationBuilder.Sql("UPDATE [UpsellDeclines] SET [ProductName] = [Offer] WHERE [Kind] = 'AddOn' AND [ProductName] IS NULL");
            migrationBuilder.Sql("UPDATE p SET [AgentUserId] = u.[Id] FROM [UpsellPresentations] p JOIN [AspNetUsers] u ON u.[UserName] = p.[AgentName] WHERE p.[AgentUserId] IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UpsellSales_Report_Arrival",
                table: "UpsellSales");

            migrationBuilder.DropIndex(
                name: "IX_UpsellSales_Report_SoldDate",
                table: "UpsellSales");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentedOffers_Report_Arrival",
                table: "UpsellPresentedOffers");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentedOffers_Report_Day",
                table: "UpsellPresentedOffers");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentations_Report_Arrival",
                table: "UpsellPresentations");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentations_Report_Day",
                table: "UpsellPresentations");

            migrationBuilder.DropIndex(
                name: "IX_UpsellDeclines_Report_Arrival",
                table: "UpsellDeclines");

            migrationBuilder.DropIndex(
                name: "IX_UpsellDeclines_Report_Day",
                table: "UpsellDeclines");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_PropertyId_Arrival_Status",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "Arrival", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_PropertyId_SoldDate_Status",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "SoldDate", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentedOffers_PropertyId_Arrival",
                table: "UpsellPresentedOffers",
                columns: new[] { "PropertyId", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentedOffers_PropertyId_Day",
                table: "UpsellPresentedOffers",
                columns: new[] { "PropertyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentations_PropertyId_Arrival",
                table: "UpsellPresentations",
                columns: new[] { "PropertyId", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentations_PropertyId_Day",
                table: "UpsellPresentations",
                columns: new[] { "PropertyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellDeclines_PropertyId_Arrival",
                table: "UpsellDeclines",
                columns: new[] { "PropertyId", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellDeclines_PropertyId_Day",
                table: "UpsellDeclines",
                columns: new[] { "PropertyId", "Day" });
        }
    }
}
