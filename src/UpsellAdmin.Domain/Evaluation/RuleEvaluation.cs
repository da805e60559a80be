namespace UpsellAdmin.Domain.Evaluation;

/// <summary>One night of an offer: <c>UpsellAmount = UpsellRate − OriginalRate</c>, the upsell rate already rounded.</summary>
public readonly record struct NightlyUpsell(DateOnly Date, decimal OriginalRate, decimal UpsellRate, decimal UpsellAmount);

/// <summary>
/// The outcome of one rule against one stay. <see cref="Applicable"/> is true exactly when <see cref="Reasons"/> is
/// empty; <see cref="Reasons"/> holds every failed criterion (one entry per criterion, in <see cref="Criterion"/> order).
/// When applicable, <see cref="Nights"/> has one entry per night and the totals are their sums; when not,
/// <see cref="Nights"/> is empty and the totals are zero.
/// </summary>
public sealed class RuleEvaluation
{
    internal RuleEvaluation(string ruleCode, IReadOnlyList<CriterionFailure> reasons, IReadOnlyList<NightlyUpsell> nights)
    {
        RuleCode = ruleCode;
        Reasons = reasons;
        Nights = nights;
        foreach (var night in nights)
        {
            TotalOriginalAmount += night.OriginalRate;
            TotalUpsellRate += night.UpsellRate;
            TotalUpsellAmount += night.UpsellAmount;
        }
    }

    public string RuleCode { get; }
    public bool Applicable => Reasons.Count == 0;
    public IReadOnlyList<CriterionFailure> Reasons { get; }
    public IReadOnlyList<NightlyUpsell> Nights { get; }

    /// <summary>Σ original rate over the nights.</summary>
    public decimal TotalOriginalAmount { get; }

    /// <summary>Σ rounded upsell rate over the nights: what the guest would pay for the stay in the target room.</summary>
    public decimal TotalUpsellRate { get; }

    /// <summary>Σ (upsell rate − original rate): the extra the guest pays.</summary>
    public decimal TotalUpsellAmount { get; }

    /// <summary>The failed criteria alone.</summary>
    public IEnumerable<Criterion> FailedCriteria => Reasons.Select(r => r.Criterion);
}
