using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UpsellAdmin.Web.Features.Sync;

/// <summary>One run of the reference-data sync from Mews: when, how long, how many requests, what changed, errors.</summary>
public sealed class SyncRun
{
    public int Id { get; set; }
    /// <summary>Null = all properties.</summary>
    public int? PropertyId { get; set; }
    /// <summary>"Manual" (an Administrator pressed Sync from Mews), "Scheduled" or "Startup".</summary>
    public string Trigger { get; set; } = "";
    public string? StartedBy { get; set; }
    public DateTimeOffset StartedUtc { get; set; }
    public DateTimeOffset? FinishedUtc { get; set; }
    public int RequestCount { get; set; }
    public int ItemsAdded { get; set; }
    public int ItemsUpdated { get; set; }
    public int ItemsDeactivated { get; set; }
    public bool Succeeded { get; set; }
    /// <summary>Plain-words errors, one per line (Mews Message and RequestId; never a token).</summary>
    public string? Errors { get; set; }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> b)
    {
        b.Property(x => x.Trigger).HasMaxLength(20).IsRequired();
        b.Property(x => x.StartedBy).HasMaxLength(256);
        b.Property(x => x.Errors).HasMaxLength(8000);
        b.HasIndex(x => x.StartedUtc);
    }
}
