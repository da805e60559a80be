using FluentValidation;
using FluentValidation.Results;
using UpsellAdmin.Connector.Models;

namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>The Loyalty feature's validators, resolved from DI (each registered once by the app's validator scan),
/// for the service and the dialogs alike.</summary>
public sealed class LoyaltyValidation(
    IValidator<LoyaltyProgramBatch> programs,
    IValidator<LoyaltyProgramForm> program,
    IValidator<LoyaltyTierBatch> tiers,
    IValidator<LoyaltyTierForm> tier,
    IValidator<LoyaltyMembershipForm> membership)
{
    public IValidator<LoyaltyProgramBatch> Programs => programs;
    public IValidator<LoyaltyProgramForm> Program => program;
    public IValidator<LoyaltyTierBatch> Tiers => tiers;
    public IValidator<LoyaltyTierForm> Tier => tier;
    public IValidator<LoyaltyMembershipForm> Membership => membership;
}

/// <summary>Field limits from the Connector API docs (§2.18), shared by validators and forms.</summary>
public static class LoyaltyLimits
{
    public const int ProgramNameMaxLength = 100;
    public const int ProgramCodeMaxLength = 50;
    public const int TierNameMaxLength = 50;
    public const int TierCodeMaxLength = 50;
    public const int MembershipNumberMaxLength = 255;
    public const int ProviderMembershipIdMaxLength = 100;
    public const int UrlMaxLength = 2000;
    /// <summary>Mews takes at most 1000 items per write.</summary>
    public const int MaxItemsPerWrite = 1000;
}

public sealed class LoyaltyProgramFormValidator : AbstractValidator<LoyaltyProgramForm>
{
    public LoyaltyProgramFormValidator()
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the program's name.")
            .MaximumLength(LoyaltyLimits.ProgramNameMaxLength).WithMessage($"Name: at most {LoyaltyLimits.ProgramNameMaxLength} characters.");
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the program's code (it matches loyalty on bookings and cannot be changed later).")
            .MaximumLength(LoyaltyLimits.ProgramCodeMaxLength).WithMessage($"Code: at most {LoyaltyLimits.ProgramCodeMaxLength} characters.");
        RuleFor(x => x.Type).IsInEnum().WithMessage("Choose the program type.");
        RuleFor(x => x.Subscription).Must(s => s is LoyaltySubscription.Free or LoyaltySubscription.Paid)
            .WithMessage("Choose Free or Paid.");
    }
}

/// <summary>Several programs added at once: each valid, codes unique among them.</summary>
public sealed class LoyaltyProgramBatch
{
    public List<LoyaltyProgramForm> Items { get; init; } = [];
}

public sealed class LoyaltyProgramBatchValidator : AbstractValidator<LoyaltyProgramBatch>
{
    public LoyaltyProgramBatchValidator()
    {
        RuleFor(x => x.Items).NotEmpty().WithMessage("Add at least one program.")
            .Must(i => i.Count <= LoyaltyLimits.MaxItemsPerWrite).WithMessage($"At most {LoyaltyLimits.MaxItemsPerWrite} programs at once.");
        RuleForEach(x => x.Items).SetValidator(new LoyaltyProgramFormValidator());
        RuleFor(x => x.Items).Custom((items, context) =>
        {
            for (var i = 0; i < items.Count; i++)
            {
                var code = items[i].Code?.Trim() ?? "";
                if (code.Length > 0 && items.Take(i).Any(o => string.Equals(o.Code?.Trim(), code, StringComparison.OrdinalIgnoreCase)))
                {
                    context.AddFailure(new ValidationFailure($"Items[{i}].Code", $"Code {code} appears twice in this list."));
                }
            }
        });
    }
}

public sealed class LoyaltyTierFormValidator : AbstractValidator<LoyaltyTierForm>
{
    public LoyaltyTierFormValidator()
    {
        RuleFor(x => x.ProgramId).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Choose the program the tier belongs to.");
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the tier's name.")
            .MaximumLength(LoyaltyLimits.TierNameMaxLength).WithMessage($"Name: at most {LoyaltyLimits.TierNameMaxLength} characters.");
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the tier's code.")
            .MaximumLength(LoyaltyLimits.TierCodeMaxLength).WithMessage($"Code: at most {LoyaltyLimits.TierCodeMaxLength} characters.");
        RuleFor(x => x.Ordering).GreaterThanOrEqualTo(0).WithMessage("Ordering: 0 or more (1 = the top tier in the usual setup).");
    }
}

public sealed class LoyaltyTierBatch
{
    public List<LoyaltyTierForm> Items { get; init; } = [];
}

public sealed class LoyaltyTierBatchValidator : AbstractValidator<LoyaltyTierBatch>
{
    /// <summary>Two tiers of a program never share an Ordering: the second is refused with this, not renumbered.</summary>
    public static string OrderingTaken(int ordering, string holder) =>
        $"Ordering {ordering} is already used by {holder}: each tier of a program needs its own number.";

    public LoyaltyTierBatchValidator()
    {
        RuleFor(x => x.Items).NotEmpty().WithMessage("Add at least one tier.")
            .Must(i => i.Count <= LoyaltyLimits.MaxItemsPerWrite).WithMessage($"At most {LoyaltyLimits.MaxItemsPerWrite} tiers at once.");
        RuleForEach(x => x.Items).SetValidator(new LoyaltyTierFormValidator());
        RuleFor(x => x.Items).Custom((items, context) =>
        {
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var code = item.Code?.Trim() ?? "";
                if (code.Length > 0 && items.Take(i).Any(o => o.ProgramId == item.ProgramId && string.Equals(o.Code?.Trim(), code, StringComparison.OrdinalIgnoreCase)))
                {
                    context.AddFailure(new ValidationFailure($"Items[{i}].Code", $"Code {code} appears twice in this list."));
                }
                if (items.Take(i).FirstOrDefault(o => o.ProgramId == item.ProgramId && o.Ordering == item.Ordering) is { } same)
                {
                    var name = string.IsNullOrWhiteSpace(same.Name) ? "another tier in this list" : $"{same.Name.Trim()} in this list";
                    context.AddFailure(new ValidationFailure($"Items[{i}].Ordering", OrderingTaken(item.Ordering, name)));
                }
            }
        });
    }
}

public sealed class LoyaltyMembershipFormValidator : AbstractValidator<LoyaltyMembershipForm>
{
    public LoyaltyMembershipFormValidator()
    {
        RuleFor(x => x.Customer).NotNull().WithMessage("Find and choose the customer (by last name, full name or e-mail).");
        RuleFor(x => x.ProgramId).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Choose the loyalty program.");
        RuleFor(x => x.State).Must(s => s != LoyaltyMembershipState.Unknown).IsInEnum().WithMessage("Choose the membership state.");
        RuleFor(x => x.Points).GreaterThanOrEqualTo(0).When(x => x.Points.HasValue).WithMessage("Points: 0 or more.");
        RuleFor(x => x.MembershipNumber).MaximumLength(LoyaltyLimits.MembershipNumberMaxLength)
            .WithMessage($"Membership number: at most {LoyaltyLimits.MembershipNumberMaxLength} characters.");
        RuleFor(x => x.ProviderMembershipId).MaximumLength(LoyaltyLimits.ProviderMembershipIdMaxLength)
            .WithMessage($"Provider membership id: at most {LoyaltyLimits.ProviderMembershipIdMaxLength} characters.");
        RuleFor(x => x.ProviderMembershipId).Empty().When(x => x.Id is null)
            .WithMessage("Mews sets the provider membership id on update only: save the membership first, then edit it.");
        RuleFor(x => x.Url).Cascade(CascadeMode.Stop)
            .MaximumLength(LoyaltyLimits.UrlMaxLength).WithMessage($"URL: at most {LoyaltyLimits.UrlMaxLength} characters.")
            .Must(BeAbsoluteHttpUrl).When(x => !string.IsNullOrWhiteSpace(x.Url))
            .WithMessage("URL: a full web address, e.g. https://loyalty.example.com/members/123.");
    }

    private static bool BeAbsoluteHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
