using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpsellAdmin.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Selling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "UpgradeAccountingCategoryId",
                table: "UpsellConfigurations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UpsellDeclines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PropertyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReservationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReservationNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GuestName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Offer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RuleCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    TotalAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AgentUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AgentName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DeclinedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpsellDeclines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpsellDeclines_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UpsellPresentations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PropertyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReservationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReservationNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    OffersCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AgentName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PresentedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpsellPresentations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpsellPresentations_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UpsellSales",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<int>(type: "INTEGER", nullable: false),
                    PropertyCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EnterpriseId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReservationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReservationNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    GuestName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ServiceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Arrival = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Departure = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromRoomType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ToRoomType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    FromCategoryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ToCategoryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ProductId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UnitAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    UnitAmountOverridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnitCount = table.Column<int>(type: "INTEGER", nullable: true),
                    ChargeFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RuleCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AccountingCategoryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AccountingCategoryCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PricesAreGross = table.Column<bool>(type: "INTEGER", nullable: false),
                    TotalAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    OfferId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AgentUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AgentName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SoldUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastRequestId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Attention = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RoomAttemptedUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RoomChangedUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LinesAttemptedUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    MewsItemIds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PostedUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UndoRequestedUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReversedUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RejectedUtc = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpsellSales", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpsellSales_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UpsellSaleNights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OriginalRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    UpsellRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    UpsellAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    TaxCodes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MewsOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    MewsItemId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SaleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpsellSaleNights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpsellSaleNights_UpsellSales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "UpsellSales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UpsellWork",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SaleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpsellWork", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpsellWork_UpsellSales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "UpsellSales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellConfigurations_UpgradeAccountingCategoryId",
                table: "UpsellConfigurations",
                column: "UpgradeAccountingCategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellDeclines_PropertyId_DeclinedUtc",
                table: "UpsellDeclines",
                columns: new[] { "PropertyId", "DeclinedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentations_PropertyId_Day",
                table: "UpsellPresentations",
                columns: new[] { "PropertyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellPresentations_PropertyId_ReservationId_Day_Channel",
                table: "UpsellPresentations",
                columns: new[] { "PropertyId", "ReservationId", "Day", "Channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSaleNights_SaleId",
                table: "UpsellSaleNights",
                column: "SaleId");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_AgentName_IdempotencyKey",
                table: "UpsellSales",
                columns: new[] { "AgentName", "IdempotencyKey" },
                unique: true,
                filter: "IdempotencyKey IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_PropertyId_ReservationId",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "ReservationId" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_PropertyId_SoldUtc",
                table: "UpsellSales",
                columns: new[] { "PropertyId", "SoldUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellSales_Status",
                table: "UpsellSales",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellWork_CompletedUtc_DueUtc",
                table: "UpsellWork",
                columns: new[] { "CompletedUtc", "DueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellWork_SaleId",
                table: "UpsellWork",
                column: "SaleId");

            migrationBuilder.AddForeignKey(
                name: "FK_UpsellConfigurations_AccountingCategories_UpgradeAccountingCategoryId",
                table: "UpsellConfigurations",
                column: "UpgradeAccountingCategoryId",
                principalTable: "AccountingCategories",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UpsellConfigurations_AccountingCategories_UpgradeAccountingCategoryId",
                table: "UpsellConfigurations");

            migrationBuilder.DropTable(
                name: "UpsellDeclines");

            migrationBuilder.DropTable(
                name: "UpsellPresentations");

            migrationBuilder.DropTable(
                name: "UpsellSaleNights");

            migrationBuilder.DropTable(
                name: "UpsellWork");

            migrationBuilder.DropTable(
                name: "UpsellSales");

            migrationBuilder.DropIndex(
                name: "IX_UpsellConfigurations_UpgradeAccountingCategoryId",
                table: "UpsellConfigurations");

            migrationBuilder.DropColumn(
                name: "UpgradeAccountingCategoryId",
                table: "UpsellConfigurations");
        }
    }
}
