using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpsellAdmin.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UpsellPerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "SoldDate",
                table: "UpsellSales",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<int>(
                name: "UpgradeNights",
                table: "UpsellSales",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AgentUserId",
                table: "UpsellPresentations",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Arrival",
                table: "UpsellPresentations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Arrival",
                table: "UpsellDeclines",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Day",
                table: "UpsellDeclines",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "FromRoomType",
                table: "UpsellDeclines",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProductName",
                table: "UpsellDeclines",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ToRoomType",
                table: "UpsellDeclines",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "AgentCommissionPercent",
                table: "UpsellConfigurations",
                type: "decimal(5,2)",
                precision: 5,
                scale: 2,
                nullable: true);

            // Rows recorded before this migration: the sale/decline day is taken as the UTC date (the property's own day
            // was not kept), and an upgrade's nights are counted from its lines.
            migrationBuilder.Sql("UPDATE [UpsellSales] SET [SoldDate] = CAST([SoldUtc] AS date)");
            migrationBuilder.Sql("UPDATE [UpsellSales] SET [UpgradeNights] = (SELECT COUNT(*) FROM [UpsellSaleNights] n WHERE n.[SaleId] = [UpsellSales].[Id]) WHERE [Kind] = 'RoomUpgrade'");
            migrationBuilder.Sql("UPDATE [UpsellDeclines] SET [Day] = CAST([DeclinedUtc] AS date)");

            migrationBuilder.CreateTable(
                name: "UpsellPresentedOffers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PresentationId = table.Column<long>(type: "bigint", nullable: false),
                    PropertyId = table.Column<int>(type: "int", nullable: false),
                    ReservationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Arrival = table.Column<DateOnly>(type: "date", nullable: true),
                    Channel = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    AgentUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    AgentName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    FromRoomType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ToRoomType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    RuleCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ProductName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    TotalAmount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    CurrencyCode = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpsellPresentedOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpsellPresentedOffers_UpsellPresentations_PresentationId",
                        column: x => x.PresentationId,
                        principalTable: "UpsellPresentations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_PropertyId_Arrival_Status",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "Arrival", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_PropertyId_SoldDate_Status",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "SoldDate", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentations_PropertyId_Arrival",
                table: "UpsellPresentations",
                columns: new[] { "PropertyId", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellDeclines_PropertyId_Arrival",
                table: "UpsellDeclines",
                columns: new[] { "PropertyId", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellDeclines_PropertyId_Day",
                table: "UpsellDeclines",
                columns: new[] { "PropertyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentedOffers_PresentationId",
                table: "UpsellPresentedOffers",
                column: "PresentationId");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentedOffers_PropertyId_Arrival",
                table: "UpsellPresentedOffers",
                columns: new[] { "PropertyId", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentedOffers_PropertyId_Day",
                table: "UpsellPresentedOffers",
                columns: new[] { "PropertyId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UpsellPresentedOffers");

            migrationBuilder.DropIndex(
                name: "IX_UpsellSales_PropertyId_Arrival_Status",
                table: "UpsellSales");

            migrationBuilder.DropIndex(
                name: "IX_UpsellSales_PropertyId_SoldDate_Status",
                table: "UpsellSales");

            migrationBuilder.DropIndex(
                name: "IX_UpsellPresentations_PropertyId_Arrival",
                table: "UpsellPresentations");

            migrationBuilder.DropIndex(
                name: "IX_UpsellDeclines_PropertyId_Arrival",
                table: "UpsellDeclines");

            migrationBuilder.DropIndex(
                name: "IX_UpsellDeclines_PropertyId_Day",
                table: "UpsellDeclines");

            migrationBuilder.DropColumn(
                name: "SoldDate",
                table: "UpsellSales");

            migrationBuilder.DropColumn(
                name: "UpgradeNights",
                table: "UpsellSales");

            migrationBuilder.DropColumn(
                name: "AgentUserId",
                table: "UpsellPresentations");

            migrationBuilder.DropColumn(
                name: "Arrival",
                table: "UpsellPresentations");

            migrationBuilder.DropColumn(
                name: "Arrival",
                table: "UpsellDeclines");

            migrationBuilder.DropColumn(
                name: "Day",
                table: "UpsellDeclines");

            migrationBuilder.DropColumn(
                name: "FromRoomType",
                table: "UpsellDeclines");

            migrationBuilder.DropColumn(
                name: "ProductName",
                table: "UpsellDeclines");

            migrationBuilder.DropColumn(
                name: "ToRoomType",
                table: "UpsellDeclines");

            migrationBuilder.DropColumn(
                name: "AgentCommissionPercent",
                table: "UpsellConfigurations");
        }
    }
}
