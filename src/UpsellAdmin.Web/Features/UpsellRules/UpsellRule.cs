using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Properties;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>The kinds of filter list a rule carries. An empty list of a kind means "any".</summary>
public enum RuleFilterKind
{
    RateCode = 0,
    RateCategory = 1,
    Membership = 2,
    Channel = 3,
    ReservationType = 4,
    Market = 5,
}

/// <summary>
/// An upsell rule as stored. From/To and filter values are codes of the rule's property (copying a rule between
/// properties is a matter of codes). <see cref="FilterKinds"/> caches which filter lists are non-empty (a bit per
/// <see cref="RuleFilterKind"/>) so that "empty list means any" is a column test in SQL, not a subquery.
/// </summary>
public sealed class UpsellRule
{
    public const int CodeMaxLength = UpsellLimits.CodeMaxLength;
    public const int DescriptionMaxLength = UpsellLimits.DescriptionMaxLength;
    public const int RoomCodeMaxLength = UpsellLimits.CodeMaxLength;
    public const int FilterValueMaxLength = UpsellLimits.CodeMaxLength;

    public int Id { get; set; }
    public int PropertyId { get; set; }
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
    public DateOnly? BeginDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public bool UpsellByRoomType { get; set; } = true;
    public string FromCode { get; set; } = "";
    public string ToCode { get; set; } = "";
    public UpsellFormula Formula { get; set; }
    public decimal? UpsellAmount { get; set; }
    public string CurrencyCode { get; set; } = "";
    public RoundingRule RoundingRule { get; set; }
    public int? DaysInAdvance { get; set; }
    public bool UpsellByOccupancyLevels { get; set; }

    /// <summary>The weekdays every night of the stay must fall on: bit <c>(int)DayOfWeek</c> set = that day is
    /// chosen (Sunday = bit 0). 0 = every day, like an empty filter list.</summary>
    public int DaysOfWeek { get; set; }

    /// <summary>Bit i set = the filter list of <see cref="RuleFilterKind"/> i is non-empty.</summary>
    public int FilterKinds { get; set; }

    public List<UpsellRuleFilterValue> Filters { get; set; } = [];
    public List<UpsellRuleOccupancyAmount> OccupancyAmounts { get; set; } = [];

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>Optimistic concurrency token: regenerated on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public static int KindBit(RuleFilterKind kind) => 1 << (int)kind;

    /// <summary>Recomputes <see cref="FilterKinds"/> from <see cref="Filters"/>; call before saving.</summary>
    public void RefreshFilterKinds() => FilterKinds = Filters.Aggregate(0, (bits, f) => bits | KindBit(f.Kind));
}

/// <summary>One value of one filter list. For memberships Value is the type and Level the optional level.</summary>
public sealed class UpsellRuleFilterValue
{
    public int Id { get; set; }
    public int RuleId { get; set; }
    public RuleFilterKind Kind { get; set; }
    public string Value { get; set; } = "";
    public string? Level { get; set; }
}

/// <summary>One row of the rule's Amount Per Occupancy Level grid.</summary>
public sealed class UpsellRuleOccupancyAmount
{
    public int Id { get; set; }
    public int RuleId { get; set; }
    public int Level { get; set; }
    public decimal Amount { get; set; }
}

internal sealed class UpsellRuleConfiguration : IEntityTypeConfiguration<UpsellRule>
{
    public void Configure(EntityTypeBuilder<UpsellRule> b)
    {
        b.Property(x => x.Code).HasMaxLength(UpsellRule.CodeMaxLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(UpsellRule.DescriptionMaxLength).IsRequired();
        b.Property(x => x.FromCode).HasMaxLength(UpsellRule.RoomCodeMaxLength).IsRequired();
        b.Property(x => x.ToCode).HasMaxLength(UpsellRule.RoomCodeMaxLength).IsRequired();
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.UpsellAmount).HasPrecision(18, 4);
        b.Property(x => x.Formula).HasConversion<string>().HasMaxLength(50);
        b.Property(x => x.RoundingRule).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Property>().WithMany().HasForeignKey(x => x.PropertyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Filters).WithOne().HasForeignKey(f => f.RuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.OccupancyAmounts).WithOne().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);

        // Indexes for every search criterion and sortable column (STYLE.md habit 2), shaped by the Rules search
        // benchmark (bench/UpsellAdmin.Bench.Web rules-search): the criteria indexes carry the columns the other
        // criteria test (type/class flag, dates, FilterKinds), so counting never reads the table rows.
        b.HasIndex(x => new { x.PropertyId, x.Code }).IsUnique();                      // default sort, Code sort
        b.HasIndex(x => new { x.PropertyId, x.FromCode, x.UpsellByRoomType, x.BeginDate, x.EndDate, x.FilterKinds })
            .HasDatabaseName("IX_UpsellRules_Search_From");                            // From Room Type, From sort
        b.HasIndex(x => new { x.PropertyId, x.ToCode, x.UpsellByRoomType, x.BeginDate, x.EndDate, x.FilterKinds })
            .HasDatabaseName("IX_UpsellRules_Search_To");                              // To Room Type, To sort
        b.HasIndex(x => new { x.PropertyId, x.UpsellByRoomType, x.BeginDate, x.EndDate, x.FilterKinds })
            .HasDatabaseName("IX_UpsellRules_Search_Kinds");                           // type/class, list criteria, Type sort
        b.HasIndex(x => new { x.PropertyId, x.BeginDate, x.EndDate });                 // Stay Date, Begin Date sort
        b.HasIndex(x => new { x.PropertyId, x.EndDate });                              // End Date sort
        b.HasIndex(x => new { x.PropertyId, x.Description, x.Code });                  // Code/Desc text search, Description sort
    }
}

internal sealed class UpsellRuleFilterValueConfiguration : IEntityTypeConfiguration<UpsellRuleFilterValue>
{
    public void Configure(EntityTypeBuilder<UpsellRuleFilterValue> b)
    {
        b.Property(x => x.Value).HasMaxLength(UpsellRule.FilterValueMaxLength).IsRequired();
        b.Property(x => x.Level).HasMaxLength(UpsellRule.FilterValueMaxLength);
        // "Which rules list value V for kind K": the criterion lookups.
        b.HasIndex(x => new { x.Kind, x.Value, x.RuleId });
        b.HasIndex(x => new { x.RuleId, x.Kind });
    }
}

internal sealed class UpsellRuleOccupancyAmountConfiguration : IEntityTypeConfiguration<UpsellRuleOccupancyAmount>
{
    public void Configure(EntityTypeBuilder<UpsellRuleOccupancyAmount> b)
    {
        b.Property(x => x.Amount).HasPrecision(18, 4);
        b.HasIndex(x => new { x.RuleId, x.Level }).IsUnique();
    }
}
