using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpsellAdmin.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RuleSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_PropertyId_FilterKinds",
                table: "UpsellRules");

            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_PropertyId_FromCode",
                table: "UpsellRules");

            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_PropertyId_ToCode",
                table: "UpsellRules");

            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_PropertyId_UpsellByRoomType",
                table: "UpsellRules");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_PropertyId_Description_Code",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "Description", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_PropertyId_EndDate",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_Search_From",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "FromCode", "UpsellByRoomType", "BeginDate", "EndDate", "FilterKinds" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_Search_Kinds",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "UpsellByRoomType", "BeginDate", "EndDate", "FilterKinds" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_Search_To",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "ToCode", "UpsellByRoomType", "BeginDate", "EndDate", "FilterKinds" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_PropertyId_Description_Code",
                table: "UpsellRules");

            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_PropertyId_EndDate",
                table: "UpsellRules");

            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_Search_From",
                table: "UpsellRules");

            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_Search_Kinds",
                table: "UpsellRules");

            migrationBuilder.DropIndex(
                name: "IX_UpsellRules_Search_To",
                table: "UpsellRules");

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_PropertyId_FilterKinds",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "FilterKinds" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_PropertyId_FromCode",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "FromCode" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_PropertyId_ToCode",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "ToCode" });

            migrationBuilder.CreateIndex(
                name: "IX_UpsellRules_PropertyId_UpsellByRoomType",
                table: "UpsellRules",
                columns: new[] { "PropertyId", "UpsellByRoomType" });
        }
    }
}
