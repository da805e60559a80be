namespace UpsellAdmin.Web.Features.UpsellRules;

public partial class UpsellRuleCriteriaForm;

/// <summary>The editable state of the criteria panel; <see cref="ToCriteria"/> gives what Search sends.</summary>
public sealed class UpsellRuleCriteriaModel
{
    public string? CodeOrDescription { get; set; }
    public bool RoomTypeRules { get; set; }
    public bool RoomClassRules { get; set; }
    public DateTime? StayDate { get; set; }
    public string? FromRoomType { get; set; }
    public string? ToRoomType { get; set; }
    public string? RateCodeOrCategory { get; set; }
    /// <summary>"TYPE" or "TYPE/LEVEL".</summary>
    public string? Membership { get; set; }
    public string? Channel { get; set; }
    public string? ReservationType { get; set; }
    public string? Market { get; set; }

    /// <summary>Days of Week: a .NET DayOfWeek name ("Friday"); rules that may apply to a night on that day.</summary>
    public string? Weekday { get; set; }

    public void Clear()
    {
        CodeOrDescription = FromRoomType = ToRoomType = RateCodeOrCategory = Membership = Channel = ReservationType = Market = Weekday = null;
        RoomTypeRules = RoomClassRules = false;
        StayDate = null;
    }

    public UpsellRuleCriteria ToCriteria()
    {
        var membership = string.IsNullOrEmpty(Membership) ? null : UpsellRuleFormModel.ParseMembership(Membership);
        return new UpsellRuleCriteria
        {
            CodeOrDescription = string.IsNullOrWhiteSpace(CodeOrDescription) ? null : CodeOrDescription.Trim(),
            RoomTypeRules = RoomTypeRules,
            RoomClassRules = RoomClassRules,
            StayDate = StayDate is { } d ? DateOnly.FromDateTime(d) : null,
            FromRoomType = NullIfEmpty(FromRoomType),
            ToRoomType = NullIfEmpty(ToRoomType),
            RateCodeOrCategory = NullIfEmpty(RateCodeOrCategory),
            MembershipType = membership?.Type,
            MembershipLevel = membership?.Level,
            Channel = NullIfEmpty(Channel),
            ReservationType = NullIfEmpty(ReservationType),
            Market = NullIfEmpty(Market),
            DayOfWeek = ParseWeekday(Weekday),
        };
    }

    /// <summary>The day named exactly as .NET names it ("Friday"); anything else (a stale or typed URL) is no criterion.</summary>
    public static DayOfWeek? ParseWeekday(string? name) =>
        Array.Find(Enum.GetNames<DayOfWeek>(), n => string.Equals(n, name, StringComparison.Ordinal)) is { } found
            ? Enum.Parse<DayOfWeek>(found)
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
