using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpsellAdmin.Web.Features.Copy;

/// <summary>The audit line of one copy of rules from a property to a target property: who, when, from where, what.</summary>
public sealed class RuleCopyLog
{
    public int Id { get; set; }
    public DateTimeOffset CopiedUtc { get; set; }
    public string CopiedBy { get; set; } = "";
    public string SourcePropertyCode { get; set; } = "";
    public string TargetPropertyCode { get; set; } = "";
    public int Created { get; set; }
    public int Overwritten { get; set; }
    public int Renamed { get; set; }
    public int Skipped { get; set; }
    /// <summary>Target currency units per one source currency unit, when amounts were converted; null = not converted.</summary>
    public decimal? ExchangeRate { get; set; }
    /// <summary>Where <see cref="ExchangeRate"/> came from: "Mews" (exchangeRates/getAll) or "Typed".</summary>
    public string? ExchangeRateSource { get; set; }
    /// <summary>Per rule: "CODE → outcome (new code)", one per line.</summary>
    public string Details { get; set; } = "";
}

internal sealed class RuleCopyLogConfiguration : IEntityTypeConfiguration<RuleCopyLog>
{
    public void Configure(EntityTypeBuilder<RuleCopyLog> b)
    {
        b.Property(x => x.CopiedBy).HasMaxLength(256).IsRequired();
        b.Property(x => x.SourcePropertyCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.TargetPropertyCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.ExchangeRate).HasPrecision(28, 12);
        b.Property(x => x.ExchangeRateSource).HasMaxLength(20);
        b.HasIndex(x => x.CopiedUtc);
    }
}
