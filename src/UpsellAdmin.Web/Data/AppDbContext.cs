using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common.Audit;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.Selling;
using UpsellAdmin.Web.Features.Sync;
using UpsellAdmin.Web.Features.UpsellConfiguration;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Data;

/// <summary>
/// The one EF Core model of the product (Identity included). Each provider has a subclass only so that it can
/// own its migrations:
/// <code>
/// dotnet tool restore
/// dotnet ef migrations add NAME --project src/UpsellAdmin.Web --context SqliteAppDbContext    --output-dir Data/Migrations/Sqlite
/// dotnet ef migrations add NAME --project src/UpsellAdmin.Web --context SqlServerAppDbContext --output-dir Data/Migrations/SqlServer
/// dotnet ef migrations script --idempotent --project src/UpsellAdmin.Web --context SqlServerAppDbContext --output artifacts/sqlserver.sql
/// </code>
/// Services never hold a context: they take <c>IDbContextFactory&lt;AppDbContext&gt;</c> and create one per operation.
/// </summary>
public class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Property> Properties => Set<Property>();
    public DbSet<UserPropertyAccess> UserProperties => Set<UserPropertyAccess>();
    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<RoomClass> RoomClasses => Set<RoomClass>();
    public DbSet<RoomType> RoomTypes => Set<RoomType>();
    public DbSet<RateCategory> RateCategories => Set<RateCategory>();
    public DbSet<RateCode> RateCodes => Set<RateCode>();
    public DbSet<Market> Markets => Set<Market>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<ReservationType> ReservationTypes => Set<ReservationType>();
    public DbSet<MembershipType> MembershipTypes => Set<MembershipType>();
    public DbSet<MembershipLevel> MembershipLevels => Set<MembershipLevel>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<AccountingCategory> AccountingCategories => Set<AccountingCategory>();
    public DbSet<NightlyPrice> NightlyPrices => Set<NightlyPrice>();
    public DbSet<NightlyOccupancy> NightlyOccupancies => Set<NightlyOccupancy>();

    public DbSet<PropertyUpsellConfiguration> UpsellConfigurations => Set<PropertyUpsellConfiguration>();
    public DbSet<OccupancyLevel> OccupancyLevels => Set<OccupancyLevel>();
    public DbSet<RoomHierarchyEntry> RoomHierarchy => Set<RoomHierarchyEntry>();
    public DbSet<AddOnCatalogueItem> AddOnCatalogue => Set<AddOnCatalogueItem>();

    public DbSet<UpsellRule> UpsellRules => Set<UpsellRule>();
    public DbSet<UpsellRuleFilterValue> UpsellRuleFilterValues => Set<UpsellRuleFilterValue>();
    public DbSet<UpsellRuleOccupancyAmount> UpsellRuleOccupancyAmounts => Set<UpsellRuleOccupancyAmount>();

    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<RuleCopyLog> RuleCopyLogs => Set<RuleCopyLog>();

    public DbSet<UpsellSale> UpsellSales => Set<UpsellSale>();
    public DbSet<UpsellWorkItem> UpsellWork => Set<UpsellWorkItem>();
    public DbSet<UpsellPresentation> UpsellPresentations => Set<UpsellPresentation>();
    public DbSet<UpsellPresentedOffer> UpsellPresentedOffers => Set<UpsellPresentedOffer>();
    public DbSet<UpsellDecline> UpsellDeclines => Set<UpsellDecline>();

    /// <summary>The audit trail: added with the change it records (<see cref="AuditTrail.AddAudit"/>), never changed.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    /// <summary>Every save goes through here: an audit entry may be added, never modified or deleted.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditTrail.RefuseEdits(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditTrail.RefuseEdits(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

/// <summary>The SQLite flavour (the embedded default); owns Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        UpsellReportIndexes.Apply(builder, sqlServer: false);
    }
}

/// <summary>The SQL Server flavour (production); owns Data/Migrations/SqlServer.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        UpsellReportIndexes.Apply(builder, sqlServer: true);
    }
}
