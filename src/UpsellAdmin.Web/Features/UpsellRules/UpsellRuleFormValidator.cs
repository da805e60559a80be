using System.Globalization;
using FluentValidation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>True when no other rule of the property uses <paramref name="code"/> (the rule being edited,
/// <paramref name="exceptRuleId"/>, excluded). <see cref="IUpsellRuleService.IsCodeUniqueAsync"/> fits.</summary>
public delegate Task<bool> RuleCodeUniquenessCheck(int propertyId, string code, int? exceptRuleId, CancellationToken cancellationToken);

/// <summary>
/// The New/Edit rule form's checks, in plain words beside each field. Built from the property's lists of values
/// (<see cref="PropertyLookups"/>, active items only) so the form and <see cref="UpsellRuleService"/> run the same
/// rules: <c>new UpsellRuleFormValidator(lookups, ruleService.IsCodeUniqueAsync)</c>. Without a uniqueness check
/// the code is not checked for uniqueness (the service always passes one).
/// </summary>
public sealed class UpsellRuleFormValidator : AbstractValidator<UpsellRuleFormModel>
{
    // The limits live in the Domain (UpsellLimits), so the form, the copy planner, the quote engine and the public
    // evaluate API check one set of rules.
    public const decimal MaxPercentOfDifference = UpsellLimits.MaxPercentOfDifference;
    public const decimal MaxPercentOfOriginal = UpsellLimits.MaxPercentOfOriginal;
    public const decimal MaxFlatAmount = UpsellLimits.MaxFlatAmount;
    public const int MaxDaysInAdvance = UpsellLimits.MaxDaysInAdvance;

    public UpsellRuleFormValidator(PropertyLookups lookups, RuleCodeUniquenessCheck? isCodeUnique = null)
    {
        // One message per field: the first failing check wins (e.g. "required" before "unknown code").
        RuleLevelCascadeMode = CascadeMode.Stop;
        ArgumentNullException.ThrowIfNull(lookups);
        var roomTypes = lookups.RoomTypes.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var roomClasses = lookups.RoomClasses.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var rateCodes = lookups.RateCodes.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var rateCategories = lookups.RateCategories.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var channels = lookups.Channels.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var reservationTypes = lookups.ReservationTypes.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var markets = lookups.Markets.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var currencies = lookups.Currencies.ToHashSet(StringComparer.Ordinal);
        var memberships = lookups.Memberships.ToDictionary(
            m => m.TypeCode, m => m.Levels.Select(l => l.Code).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var levels = lookups.OccupancyLevels;

        RuleFor(x => x.Code)
            .NotEmpty().WithMessage("Code is required.")
            .MaximumLength(UpsellRule.CodeMaxLength)
            .WithMessage(x => $"Code can be at most {UpsellRule.CodeMaxLength} characters (it has {x.Code.Length}).");
        if (isCodeUnique is not null)
        {
            RuleFor(x => x.Code)
                .MustAsync((model, code, ct) => isCodeUnique(model.PropertyId, code.Trim(), model.Id, ct))
                .When(x => !string.IsNullOrWhiteSpace(x.Code) && x.Code.Length <= UpsellRule.CodeMaxLength)
                .WithMessage(x => $"Code {x.Code.Trim()} is already used by another rule of this property; choose another code.");
        }

        RuleFor(x => x.Description)
            .NotEmpty().WithMessage("Rule Description is required.")
            .MaximumLength(UpsellRule.DescriptionMaxLength)
            .WithMessage(x => $"Rule Description can be at most {UpsellRule.DescriptionMaxLength} characters (it has {x.Description.Length}).");

        RuleFor(x => x.DaysOfWeek)
            .Must(days => days.All(Enum.IsDefined) && days.Distinct().Count() == days.Count)
            .WithMessage("Tick each day at most once.");

        RuleFor(x => x.BeginDate)
            .Must(date => UpsellLimits.IsDateInRange(DateOnly.FromDateTime(date!.Value)))
            .When(x => x.BeginDate is not null)
            .WithMessage($"Begin Date must be {UpsellLimits.DateRangeText}.");
        RuleFor(x => x.EndDate)
            .Must(date => UpsellLimits.IsDateInRange(DateOnly.FromDateTime(date!.Value)))
            .When(x => x.EndDate is not null)
            .WithMessage($"End Date must be {UpsellLimits.DateRangeText} (leave it empty for no end).");
        RuleFor(x => x.EndDate)
            .Must((model, end) => end!.Value.Date >= model.BeginDate!.Value.Date)
            .When(x => x.BeginDate is not null && x.EndDate is not null)
            .WithMessage(x => $"End Date must be on or after Begin Date ({x.BeginDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");

        RuleFor(x => x.From)
            .NotEmpty().WithMessage(x => $"{FromLabel(x)} is required.")
            .Must((model, from) => (model.UpsellByRoomType ? roomTypes : roomClasses).Contains(from))
            .WithMessage(x => $"{Kind(x)} {x.From} is not an active {Kind(x).ToLowerInvariant()} of this property.")
            .When(x => !string.IsNullOrEmpty(x.From), ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.To)
            .NotEmpty().WithMessage(x => $"{ToLabel(x)} is required.")
            .NotEqual(x => x.From)
            .WithMessage(x => $"{ToLabel(x)} must differ from {FromLabel(x)} ({x.From}).")
            .When(x => !string.IsNullOrEmpty(x.To), ApplyConditionTo.CurrentValidator)
            .Must((model, to) => (model.UpsellByRoomType ? roomTypes : roomClasses).Contains(to))
            .WithMessage(x => $"{Kind(x)} {x.To} is not an active {Kind(x).ToLowerInvariant()} of this property.")
            .When(x => !string.IsNullOrEmpty(x.To) && x.To != x.From, ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.To)
            .Must((model, to) => lookups.Hierarchy[model.From].Any(t => t.ToRoomType == to))
            .When(x => x.UpsellByRoomType && !string.IsNullOrEmpty(x.To) && x.To != x.From
                && lookups.Hierarchy.TryGetValue(x.From, out var targets) && targets.Count > 0)
            .WithMessage(x => $"{x.To} is not in the room hierarchy of {x.From}; choose one of {string.Join(", ", lookups.Hierarchy[x.From].Select(t => t.ToRoomType))}.");

        RuleFor(x => x.RateCodes).Custom((codes, ctx) => Unknown(codes, rateCodes, "Rate code", ctx))
            .When(x => !x.UseRateCategories);
        RuleFor(x => x.RateCategories).Custom((codes, ctx) => Unknown(codes, rateCategories, "Rate category", ctx))
            .When(x => x.UseRateCategories);
        RuleFor(x => x.Memberships).Custom((entries, ctx) =>
        {
            foreach (var entry in entries)
            {
                var m = UpsellRuleFormModel.ParseMembership(entry);
                if (!memberships.TryGetValue(m.Type, out var typeLevels))
                {
                    ctx.AddFailure($"Membership type {m.Type} is not an active membership type of this property.");
                }
                else if (m.Level is not null && !typeLevels.Contains(m.Level))
                {
                    ctx.AddFailure($"Membership level {m.Level} is not an active level of {m.Type}.");
                }
            }
        });
        RuleFor(x => x.ReservationTypes).Custom((codes, ctx) => Unknown(codes, reservationTypes, "Reservation type", ctx));
        RuleFor(x => x.Markets).Custom((codes, ctx) => Unknown(codes, markets, "Market", ctx));
        RuleFor(x => x.Sources).Custom((codes, ctx) => Unknown(codes, channels, "Channel", ctx));

        RuleFor(x => x.Formula).IsInEnum().WithMessage("Choose a formula.");
        RuleFor(x => x.RoundingRule).IsInEnum().WithMessage("Choose a rounding rule.");

        RuleFor(x => x.UpsellAmount)
            .NotNull().WithMessage(x => $"{x.AmountLabel} is required (or tick Use Occupancy Levels).")
            .When(x => !x.UseOccupancyLevels);
        RuleFor(x => x.UpsellAmount!.Value)
            .Must((model, amount) => AmountProblem(model.Formula, amount) is null)
            .When(x => !x.UseOccupancyLevels && x.UpsellAmount is not null)
            .WithMessage(x => AmountProblem(x.Formula, x.UpsellAmount!.Value)!)
            .OverridePropertyName(nameof(UpsellRuleFormModel.UpsellAmount));

        RuleFor(x => x.CurrencyCode)
            .NotEmpty().WithMessage("Currency Code is required.")
            .Must(currencies.Contains)
            .WithMessage(x => $"Currency {x.CurrencyCode} is not known here; choose one of {string.Join(", ", lookups.Currencies)}.")
            .When(x => !string.IsNullOrEmpty(x.CurrencyCode), ApplyConditionTo.CurrentValidator);

        RuleFor(x => x.DaysInAdvance)
            .InclusiveBetween(0, MaxDaysInAdvance)
            .When(x => x.DaysInAdvance is not null)
            .WithMessage(x => x.DaysInAdvance < 0
                ? $"Days in advance cannot be negative ({x.DaysInAdvance}); enter 0 to {MaxDaysInAdvance}, or leave it empty for no minimum."
                : $"Days in advance can be at most {MaxDaysInAdvance} ({x.DaysInAdvance} is too many); leave it empty for no minimum.");

        RuleFor(x => x.UseOccupancyLevels)
            .Must(use => !use || levels.Count > 0)
            .WithMessage("This property has no occupancy levels yet; set them up in Upsell Configuration, or untick Use Occupancy Levels.");
        RuleFor(x => x.OccupancyAmounts)
            .Must(rows => levels.All(l => rows.Any(r => r.Level == l.Level)) && rows.All(r => levels.Any(l => l.Level == r.Level)))
            .When(x => x.UseOccupancyLevels && levels.Count > 0)
            .WithMessage($"The Amount Per Occupancy Level grid must have one row for each of the property's levels ({string.Join(", ", levels.Select(l => l.Level))}); reopen the rule to refresh it.");
        RuleForEach(x => x.OccupancyAmounts).ChildRules(row =>
        {
            row.RuleFor(r => r.Amount)
                .NotNull().WithMessage(r => $"Enter an amount for level {r.Level} ({r.Description}); every level needs one when Use Occupancy Levels is ticked.");
        }).When(x => x.UseOccupancyLevels);
        RuleForEach(x => x.OccupancyAmounts)
            .Where(row => row.Amount is not null)
            .Must((model, row) => AmountProblem(model.Formula, row.Amount!.Value) is null)
            .WithMessage((model, row) => $"Level {row.Level}: {AmountProblem(model.Formula, row.Amount!.Value)}")
            .When(x => x.UseOccupancyLevels);
    }

    private static string Kind(UpsellRuleFormModel x) => x.UpsellByRoomType ? "Room type" : "Room class";
    private static string FromLabel(UpsellRuleFormModel x) => x.UpsellByRoomType ? "From Room Type" : "From Room Class";
    private static string ToLabel(UpsellRuleFormModel x) => x.UpsellByRoomType ? "To Room Type" : "To Room Class";

    /// <summary>What is wrong with an amount for a formula, or null when it is allowed (<see cref="UpsellLimits.AmountProblem"/>).</summary>
    public static string? AmountProblem(UpsellFormula formula, decimal amount) => UpsellLimits.AmountProblem(formula, amount);

    private static void Unknown(IEnumerable<string> codes, HashSet<string> known, string what, ValidationContext<UpsellRuleFormModel> ctx)
    {
        var missing = codes.Where(c => !known.Contains(c)).Distinct().ToList();
        if (missing.Count == 1)
        {
            ctx.AddFailure($"{what} {missing[0]} is not an active {what.ToLowerInvariant()} of this property.");
        }
        else if (missing.Count > 1)
        {
            ctx.AddFailure($"{what}s {string.Join(", ", missing)} are not active {what.ToLowerInvariant()}s of this property.");
        }
    }
}
