using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// What the Upsell Rules grid shows, as it travels in the URL (so Back, reload and a shared link restore it, and the
/// rule page can come back to it): the property, the criteria, the page (1-based), the page size and the sort. Defaults
/// are left out of the URL, so the plain grid is just <c>/upsell-rules</c> (the circuit's current property). Unknown or
/// malformed values read as their default.
/// </summary>
public sealed record RuleGridState
{
    public const int DefaultPageSize = 25;
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];

    /// <summary>The columns the service sorts by (<see cref="UpsellRuleQuery.Sort"/>).</summary>
    public static readonly IReadOnlySet<string> SortableColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(UpsellRuleRow.Code), nameof(UpsellRuleRow.Description), nameof(UpsellRuleRow.From), nameof(UpsellRuleRow.To),
        nameof(UpsellRuleRow.BeginDate), nameof(UpsellRuleRow.EndDate), nameof(UpsellRuleRow.Type),
    };

    /// <summary>The property's code (<c>property=</c>); null: the current property. The page resolves it against the
    /// properties the user may see (an unknown or forbidden code is ignored).</summary>
    public string? Property { get; init; }

    public string? CodeOrDescription { get; init; }
    public bool RoomTypeRules { get; init; }
    public bool RoomClassRules { get; init; }
    public DateOnly? StayDate { get; init; }
    public string? FromRoomType { get; init; }
    public string? ToRoomType { get; init; }
    public string? RateCodeOrCategory { get; init; }
    /// <summary>"TYPE" or "TYPE/LEVEL", as the criteria panel holds it.</summary>
    public string? Membership { get; init; }
    public string? Channel { get; init; }
    public string? ReservationType { get; init; }
    public string? Market { get; init; }
    /// <summary>Days of Week criterion: a .NET DayOfWeek name ("Saturday"), as the criteria panel holds it.</summary>
    public string? Weekday { get; init; }

    /// <summary>0-based, as MudDataGrid counts; the URL says page=2 for the second page.</summary>
    public int Page { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;
    public string? SortBy { get; init; }
    public bool Descending { get; init; }

    /// <summary>The rule to highlight (the one just saved), from <see cref="RuleGridReturn.HighlightParameter"/>; never written back.</summary>
    public int? Highlight { get; init; }

    private const string PropertyKey = "property", Q = "q", RoomType = "roomTypeRules", RoomClass = "roomClassRules", Stay = "stay", From = "from", To = "to",
        Rate = "rate", Member = "membership", ChannelKey = "channel", Resv = "resvType", MarketKey = "market", Day = "day",
        PageKey = "page", SizeKey = "size", SortKey = "sort", DirKey = "dir";

    public static RuleGridState FromUri(string uri)
    {
        var question = uri.IndexOf('?', StringComparison.Ordinal);
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        if (question < 0)
        {
            return new RuleGridState();
        }
        var query = QueryHelpers.ParseQuery(hash > question ? uri[question..hash] : uri[question..]);
        string? Text(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        bool Flag(string key) => Text(key) is "1" or "true";
        int? Int(string key) => int.TryParse(Text(key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        var size = Int(SizeKey) is { } s && PageSizes.Contains(s) ? s : DefaultPageSize;
        var sort = Text(SortKey) is { } by && SortableColumns.Contains(by) ? by : null;
        return new RuleGridState
        {
            Property = Text(PropertyKey) is { Length: <= 50 } code ? code : null,
            CodeOrDescription = Text(Q),
            RoomTypeRules = Flag(RoomType),
            RoomClassRules = Flag(RoomClass),
            StayDate = DateOnly.TryParseExact(Text(Stay), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            FromRoomType = Text(From),
            ToRoomType = Text(To),
            RateCodeOrCategory = Text(Rate),
            Membership = Text(Member),
            Channel = Text(ChannelKey),
            ReservationType = Text(Resv),
            Market = Text(MarketKey),
            Weekday = UpsellRuleCriteriaModel.ParseWeekday(Text(Day))?.ToString(),
            Page = Int(PageKey) is { } p and >= 1 and <= 100_000 ? p - 1 : 0,
            PageSize = size,
            SortBy = sort,
            Descending = sort is not null && Text(DirKey) == "desc",
            Highlight = Int(RuleGridReturn.HighlightParameter) is { } h and > 0 ? h : null,
        };
    }

    /// <summary>The grid's relative URL for this state (without <see cref="Highlight"/>).</summary>
    public string ToUrl()
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(KeyValuePair.Create(key, (string?)value));
            }
        }
        Add(PropertyKey, Property);
        Add(Q, CodeOrDescription);
        Add(RoomType, RoomTypeRules ? "1" : null);
        Add(RoomClass, RoomClassRules ? "1" : null);
        Add(Stay, StayDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(From, FromRoomType);
        Add(To, ToRoomType);
        Add(Rate, RateCodeOrCategory);
        Add(Member, Membership);
        Add(ChannelKey, Channel);
        Add(Resv, ReservationType);
        Add(MarketKey, Market);
        Add(Day, Weekday);
        Add(PageKey, Page > 0 ? (Page + 1).ToString(CultureInfo.InvariantCulture) : null);
        Add(SizeKey, PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null);
        Add(SortKey, SortBy);
        Add(DirKey, SortBy is not null && Descending ? "desc" : null);
        return QueryHelpers.AddQueryString(PageUrls.UpsellRules, query);
    }

    /// <summary>The same grid state, whatever the rule to highlight: what the address must show.</summary>
    public bool SameGridAs(RuleGridState other) => this with { Highlight = null } == other with { Highlight = null };

    /// <summary>Puts the criteria of this state into the panel's model.</summary>
    public void CopyCriteriaTo(UpsellRuleCriteriaModel form)
    {
        form.CodeOrDescription = CodeOrDescription;
        form.RoomTypeRules = RoomTypeRules;
        form.RoomClassRules = RoomClassRules;
        form.StayDate = StayDate?.ToDateTime(TimeOnly.MinValue);
        form.FromRoomType = FromRoomType;
        form.ToRoomType = ToRoomType;
        form.RateCodeOrCategory = RateCodeOrCategory;
        form.Membership = Membership;
        form.Channel = Channel;
        form.ReservationType = ReservationType;
        form.Market = Market;
        form.Weekday = Weekday;
    }

    /// <summary>This state with the criteria of the panel's model (what Search applies).</summary>
    public RuleGridState WithCriteriaOf(UpsellRuleCriteriaModel form) => this with
    {
        CodeOrDescription = string.IsNullOrWhiteSpace(form.CodeOrDescription) ? null : form.CodeOrDescription.Trim(),
        RoomTypeRules = form.RoomTypeRules,
        RoomClassRules = form.RoomClassRules,
        StayDate = form.StayDate is { } d ? DateOnly.FromDateTime(d) : null,
        FromRoomType = Empty(form.FromRoomType),
        ToRoomType = Empty(form.ToRoomType),
        RateCodeOrCategory = Empty(form.RateCodeOrCategory),
        Membership = Empty(form.Membership),
        Channel = Empty(form.Channel),
        ReservationType = Empty(form.ReservationType),
        Market = Empty(form.Market),
        Weekday = UpsellRuleCriteriaModel.ParseWeekday(form.Weekday)?.ToString(),
    };

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>
/// The Upsell Rules grid's columns. Selection, Code and Description are pinned (always shown, first, sticky while the
/// rest scroll sideways); the others can be hidden and reordered, per user (<see cref="RuleGridColumnLayout"/>).
/// Titles are the one name per concept (<see cref="ConceptLabels"/>).
/// </summary>
public static class RuleGridColumns
{
    public const string PreferenceKey = "upsell-rules.grid.columns";

    public const string From = "from", To = "to", Amount = "amount", BeginDate = "begin", EndDate = "end", DaysOfWeek = "days",
        Type = "type", Rates = "rates", Memberships = "memberships", Channels = "channels", ReservationTypes = "reservationTypes", Markets = "markets";

    /// <summary>The movable columns in their default order (OPERA's, with the amount after the room types and the
    /// days after the dates).</summary>
    public static readonly IReadOnlyList<string> Default =
        [From, To, Amount, BeginDate, EndDate, DaysOfWeek, Type, Rates, Memberships, Channels, ReservationTypes, Markets];

    public static string Title(string id) => id switch
    {
        From => $"From {ConceptLabels.RoomType}",
        To => $"To {ConceptLabels.RoomType}",
        Amount => ConceptLabels.UpsellAmount,
        BeginDate => "Begin Date",
        EndDate => "End Date",
        DaysOfWeek => ConceptLabels.DaysOfWeek,
        Type => "Type",
        Rates => "Rate Codes/Categories",
        Memberships => ConceptLabels.Memberships,
        Channels => ConceptLabels.Channels,
        ReservationTypes => ConceptLabels.ReservationTypes,
        Markets => ConceptLabels.Markets,
        _ => id,
    };
}

/// <summary>A user's choice of the movable columns: the shown ones, in order (stored as JSON in UserPreference).</summary>
public sealed record RuleGridColumnLayout(IReadOnlyList<string> Shown)
{
    public static RuleGridColumnLayout Default { get; } = new(RuleGridColumns.Default);

    /// <summary>A stored layout cleaned up: unknown ids and repeats dropped. Null or empty stays as the user chose.</summary>
    public static RuleGridColumnLayout From(RuleGridColumnLayout? stored) =>
        stored?.Shown is null ? Default : new(stored.Shown.Where(RuleGridColumns.Default.Contains).Distinct(StringComparer.Ordinal).ToList());

    public bool IsDefault => Shown.SequenceEqual(RuleGridColumns.Default, StringComparer.Ordinal);

    /// <summary>The chooser's list: shown columns in order, then the hidden ones in default order.</summary>
    public IReadOnlyList<string> ChooserOrder => Shown.Concat(RuleGridColumns.Default.Where(id => !Shown.Contains(id))).ToList();

    public RuleGridColumnLayout Toggle(string id) =>
        Shown.Contains(id)
            ? new(Shown.Where(x => x != id).ToList())
            // Shown again: at its place in the chooser's order (after the shown columns listed before it).
            : new(ChooserOrder.Where(x => x == id || Shown.Contains(x)).ToList());

    /// <summary>Moves a shown column one place earlier (<paramref name="delta"/> −1) or later (+1).</summary>
    public RuleGridColumnLayout Move(string id, int delta)
    {
        var list = Shown.ToList();
        var i = list.IndexOf(id);
        var j = i + delta;
        if (i < 0 || j < 0 || j >= list.Count)
        {
            return this;
        }
        (list[i], list[j]) = (list[j], list[i]);
        return new(list);
    }

    /// <summary>A key that changes with the layout (the grid is rebuilt with its columns in the new order).</summary>
    public string Signature => string.Join(",", Shown);
}
