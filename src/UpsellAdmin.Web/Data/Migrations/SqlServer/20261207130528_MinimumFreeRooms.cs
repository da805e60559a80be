using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UpsellAdmin.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MinimumFreeRooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MinimumFreeRooms",
                table: "UpsellConfigurations",
                type: "int",
                nullable: false,
                defaultValue: 1); // existing properties get the default: one free room
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MinimumFreeRooms",
                table: "UpsellConfigurations");
        }
    }
}
