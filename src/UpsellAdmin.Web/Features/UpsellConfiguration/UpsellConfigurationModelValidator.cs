using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

/// <summary>
/// Checks the Upsell Configuration form. Occupancy levels are numbered 1, 2, 3… and their bands run in that order
/// without gaps or overlaps from 0 % to 100 %: level 1 starts at 0 %, each next level starts where the previous
/// one ends (a shared boundary belongs to the higher level), the last one ends at 100 %. No levels at all is fine
/// (the property then has no occupancy-level rules).
/// </summary>
public sealed class UpsellConfigurationModelValidator : AbstractValidator<UpsellConfigurationModel>
{
    public const int MaximumSetting = 999;

    /// <param name="roomTypeCodes">The property's room type codes (the hierarchy may only name these).</param>
    /// <param name="addOnChoices">The property's products and accounting categories (the add-on catalogue may only name
    /// these); none when null.</param>
    public UpsellConfigurationModelValidator(IEnumerable<string> roomTypeCodes, AddOnChoices? addOnChoices = null)
    {
        var roomTypes = roomTypeCodes.ToHashSet(StringComparer.Ordinal);
        var choices = addOnChoices ?? AddOnChoices.Empty;
        var products = choices.Products.ToDictionary(p => p.Id);
        var accounting = choices.AccountingCategories.Select(a => a.Id).ToHashSet();

        RuleFor(x => x.UpsellRoomStatus).IsInEnum().WithMessage("Choose a room status: Dirty, Clean or Inspected.");
        RuleFor(x => x.SortOffersBy).IsInEnum().WithMessage("Choose how offers are sorted.");
        RuleFor(x => x.MaximumLengthOfStay)
            .InclusiveBetween(1, MaximumSetting)
            .When(x => x.MaximumLengthOfStay is not null)
            .WithMessage($"Maximum Length of Stay must be between 1 and {MaximumSetting} nights (leave it empty for no limit).");
        RuleFor(x => x.MaximumNumberOfOffers)
            .InclusiveBetween(1, MaximumSetting)
            .When(x => x.MaximumNumberOfOffers is not null)
            .WithMessage($"Maximum Number of Offers Displayed must be between 1 and {MaximumSetting} (leave it empty for no limit).");

        RuleFor(x => x.MinimumFreeRooms)
            .InclusiveBetween(0, PropertyUpsellConfiguration.MaximumMinimumFreeRooms)
            .WithMessage($"Minimum free rooms to offer must be between 0 (do not check) and {PropertyUpsellConfiguration.MaximumMinimumFreeRooms}.");

        RuleFor(x => x.AgentCommissionPercent)
            .InclusiveBetween(0m, PropertyUpsellConfiguration.MaximumAgentCommissionPercent)
            .When(x => x.AgentCommissionPercent is not null)
            .WithMessage(x => $"Agent commission must be between 0 and {Pct(PropertyUpsellConfiguration.MaximumAgentCommissionPercent)} % (you typed {Typed(x.AgentCommissionPercent)}); leave it empty for no commission.");
        RuleFor(x => x.AgentCommissionPercent)
            .Must(p => decimal.Round(p!.Value, 2) == p.Value)
            .When(x => x.AgentCommissionPercent is { } p && p >= 0m && p <= PropertyUpsellConfiguration.MaximumAgentCommissionPercent)
            .WithMessage(x => $"Agent commission can have at most 2 decimals (you typed {Typed(x.AgentCommissionPercent)}).");

        RuleForEach(x => x.OccupancyLevels).ChildRules(level =>
        {
            level.RuleFor(l => l.Description)
                .NotEmpty().WithMessage(l => $"Level {l.Level}: Description is required.")
                .MaximumLength(OccupancyLevel.DescriptionMaxLength)
                .WithMessage(l => $"Level {l.Level}: Description can be at most {OccupancyLevel.DescriptionMaxLength} characters (it has {l.Description.Length}).");
            level.RuleFor(l => l.FromPercent)
                .NotNull().WithMessage(l => $"Level {l.Level}: From % is required.")
                .InclusiveBetween(0m, 100m).WithMessage(l => $"Level {l.Level}: From % must be between 0 and 100.");
            level.RuleFor(l => l.ToPercent)
                .NotNull().WithMessage(l => $"Level {l.Level}: To % is required.")
                .InclusiveBetween(0m, 100m).WithMessage(l => $"Level {l.Level}: To % must be between 0 and 100.");
            level.RuleFor(l => l.ToPercent)
                .GreaterThan(l => l.FromPercent)
                .When(l => l.FromPercent is not null && l.ToPercent is not null)
                .WithMessage(l => $"Level {l.Level}: To % ({Pct(l.ToPercent)}) must be greater than From % ({Pct(l.FromPercent)}).");
        });
        RuleFor(x => x.OccupancyLevels).Custom(CheckBands);

        RuleForEach(x => x.Hierarchy).ChildRules(row =>
        {
            row.RuleFor(r => r.FromRoomType).NotEmpty().WithMessage("From Room Type is required.");
            row.RuleFor(r => r.ToRoomType).NotEmpty().WithMessage("To Room Type is required.");
            row.RuleFor(r => r.FromRoomType)
                .Must(roomTypes.Contains).When(r => !string.IsNullOrEmpty(r.FromRoomType))
                .WithMessage(r => $"Room type {r.FromRoomType} does not exist in this property.");
            row.RuleFor(r => r.ToRoomType)
                .Must(roomTypes.Contains).When(r => !string.IsNullOrEmpty(r.ToRoomType))
                .WithMessage(r => $"Room type {r.ToRoomType} does not exist in this property.");
            row.RuleFor(r => r.ToRoomType)
                .NotEqual(r => r.FromRoomType).When(r => !string.IsNullOrEmpty(r.ToRoomType))
                .WithMessage(r => $"{r.FromRoomType} cannot be upsold to itself: choose a different To Room Type.");
            row.RuleFor(r => r.DisplaySequence)
                .InclusiveBetween(1, MaximumSetting)
                .WithMessage($"Display Sequence must be between 1 and {MaximumSetting}.");
        });
        RuleFor(x => x.Hierarchy).Custom((rows, context) =>
        {
            foreach (var dup in rows
                .Select((r, i) => (r, i))
                .GroupBy(x => (x.r.FromRoomType, x.r.ToRoomType))
                .Where(g => g.Count() > 1 && !string.IsNullOrEmpty(g.Key.FromRoomType)))
            {
                var first = dup.First();
                context.AddFailure(new ValidationFailure($"Hierarchy[{dup.Last().i}].ToRoomType",
                    $"{first.r.FromRoomType} → {first.r.ToRoomType} is listed {dup.Count()} times; keep one line."));
            }
        });

        RuleFor(x => x.UpgradeAccountingCategoryId)
            .Must(id => accounting.Contains(id!.Value)).When(x => x.UpgradeAccountingCategoryId is not null)
            .WithMessage("This accounting category does not exist in this property (run Sync from Mews).");

        AddOnRules(products, accounting);
    }

    private void AddOnRules(Dictionary<int, AddOnProductChoice> products, HashSet<int> accounting)
    {
        RuleForEach(x => x.AddOns).ChildRules(item =>
        {
            item.RuleFor(a => a.ProductId).NotNull().WithMessage("Choose a product.");
            item.RuleFor(a => a.ProductId)
                .Must(id => products.ContainsKey(id!.Value)).When(a => a.ProductId is not null)
                .WithMessage("This product does not exist in this property (run Sync from Mews).");
            item.RuleFor(a => a.ProductId)
                .Must(id => products[id!.Value].IsAccommodation).When(a => a.ProductId is { } id && products.ContainsKey(id))
                .WithMessage(a => $"{products[a.ProductId!.Value].Code} is not a product of the accommodation service: Mews cannot add it to a reservation.");
            item.RuleFor(a => a.DisplayName)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Display name is required.")
                .Must(n => n.Trim().Length <= AddOnCatalogueItem.DisplayNameMaxLength)
                .WithMessage(a => $"Display name can be at most {AddOnCatalogueItem.DisplayNameMaxLength} characters (it has {a.DisplayName.Trim().Length}).");
            item.RuleFor(a => a.PriceOverride)
                .InclusiveBetween(0m, AddOnCatalogueItem.MaximumPrice).When(a => a.PriceOverride is not null)
                .WithMessage($"Price override must be between 0 and {AddOnCatalogueItem.MaximumPrice.ToString("#,0", CultureInfo.InvariantCulture)} (leave it empty for the Mews price).");
            item.RuleFor(a => a.PriceOverride)
                .Must(p => decimal.Round(p!.Value, 2) == p.Value).When(a => a.PriceOverride is not null)
                .WithMessage("Price override can have at most 2 decimals.");
            item.RuleFor(a => a.AccountingCategoryId)
                .Must(id => accounting.Contains(id!.Value)).When(a => a.AccountingCategoryId is not null)
                .WithMessage("This accounting category does not exist in this property (run Sync from Mews).");
        });
        RuleFor(x => x.AddOns).Custom((items, context) =>
        {
            foreach (var dup in items
                .Select((a, i) => (a, i))
                .Where(x => x.a.ProductId is not null)
                .GroupBy(x => x.a.ProductId!.Value)
                .Where(g => g.Count() > 1))
            {
                var name = products.TryGetValue(dup.Key, out var p) ? p.Code : "This product";
                context.AddFailure(new ValidationFailure($"AddOns[{dup.Last().i}].ProductId",
                    $"{name} is in the catalogue {dup.Count()} times; keep one line."));
            }
        });
    }

    private static void CheckBands(List<OccupancyLevelModel> levels, ValidationContext<UpsellConfigurationModel> context)
    {
        if (levels.Count == 0)
        {
            return;
        }
        var ordered = levels.OrderBy(l => l.Level).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Level != i + 1)
            {
                var numbers = string.Join(", ", ordered.Select(l => l.Level.ToString(CultureInfo.InvariantCulture)));
                context.AddFailure(new ValidationFailure("OccupancyLevels",
                    $"Levels must be numbered 1 to {ordered.Count} without gaps or repeats (found {numbers})."));
                return;
            }
        }
        if (ordered.Any(l => l.FromPercent is null || l.ToPercent is null || l.ToPercent <= l.FromPercent))
        {
            return; // the per-level messages say what to fix first
        }

        if (ordered[0].FromPercent != 0m)
        {
            context.AddFailure(new ValidationFailure("OccupancyLevels",
                $"Level 1 must start at 0 %: occupancy between 0 % and {Pct(ordered[0].FromPercent)} is not covered by any level."));
        }
        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = ordered[i - 1];
            var current = ordered[i];
            if (current.FromPercent > previous.ToPercent)
            {
                context.AddFailure(new ValidationFailure("OccupancyLevels",
                    $"There is a gap between levels {previous.Level} and {current.Level}: occupancy between {Pct(previous.ToPercent)} % and {Pct(current.FromPercent)} % is not covered. Start level {current.Level} at {Pct(previous.ToPercent)} %."));
            }
            else if (current.FromPercent < previous.ToPercent)
            {
                context.AddFailure(new ValidationFailure("OccupancyLevels",
                    $"Levels {previous.Level} and {current.Level} overlap between {Pct(current.FromPercent)} % and {Pct(Math.Min(previous.ToPercent!.Value, current.ToPercent!.Value))} %. Start level {current.Level} where level {previous.Level} ends ({Pct(previous.ToPercent)} %)."));
            }
        }
        var last = ordered[^1];
        if (last.ToPercent != 100m)
        {
            context.AddFailure(new ValidationFailure("OccupancyLevels",
                $"Level {last.Level} must end at 100 %: occupancy between {Pct(last.ToPercent)} % and 100 % is not covered by any level."));
        }
    }

    /// <summary>A number as the user typed it (every decimal kept, trailing zeros dropped): 5.125 stays 5.125.</summary>
    private static string Typed(decimal? value) =>
        value is null ? "?" : value.Value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Pct(decimal? value) =>
        value is null ? "?" : value.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
