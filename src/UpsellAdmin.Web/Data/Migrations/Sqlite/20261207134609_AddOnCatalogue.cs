using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpsellAdmin.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOnCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccountingCategoryId",
                table: "Products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChargingMode",
                table: "Products",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsAccommodation",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AddOnCatalogue",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PropertyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    PriceOverride = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    AccountingCategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    DisplaySequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AddOnCatalogue", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AddOnCatalogue_AccountingCategories_AccountingCategoryId",
                        column: x => x.AccountingCategoryId,
                        principalTable: "AccountingCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AddOnCatalogue_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AddOnCatalogue_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Products_AccountingCategoryId",
                table: "Products",
                column: "AccountingCategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_AddOnCatalogue_AccountingCategoryId",
                table: "AddOnCatalogue",
                column: "AccountingCategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_AddOnCatalogue_ProductId",
                table: "AddOnCatalogue",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_AddOnCatalogue_PropertyId_ProductId",
                table: "AddOnCatalogue",
                columns: new[] { "PropertyId", "ProductId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Products_AccountingCategories_AccountingCategoryId",
                table: "Products",
                column: "AccountingCategoryId",
                principalTable: "AccountingCategories",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Products_AccountingCategories_AccountingCategoryId",
                table: "Products");

            migrationBuilder.DropTable(
                name: "AddOnCatalogue");

            migrationBuilder.DropIndex(
                name: "IX_Products_AccountingCategoryId",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "AccountingCategoryId",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "ChargingMode",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "IsAccommodation",
                table: "Products");
        }
    }
}
