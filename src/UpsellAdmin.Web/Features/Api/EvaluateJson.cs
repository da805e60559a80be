using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;

namespace UpsellAdmin.Web.Features.Api;

// The wire contract of POST /api/upsell-rules/evaluate, camelCase. Request members are nullable on purpose: a missing
// required member is reported by EvaluateMapping with its exact field path (e.g. "stay.nights[2].date") instead of
// System.Text.Json's "missing required properties" message. [Required] only feeds the OpenAPI schema.
// Lists may be left out (= empty = "any"); everything else without a "?" in the issue's contract is required.

/// <summary>The evaluate request: one rule and one stay; the body carries everything (nothing is read from the database).</summary>
public sealed record EvaluateRequest
{
    [Required] public EvaluateRuleJson? Rule { get; init; }
    [Required] public EvaluateStayJson? Stay { get; init; }
}

/// <summary>An upsell rule, field for field as on OPERA's Upsell Rules New/Edit form.</summary>
public sealed record EvaluateRuleJson
{
    [Required, Description("The rule code (OPERA's form labels it Rate Code).")]
    public string? Code { get; init; }

    public string? Description { get; init; }

    [Description("First stay night the rule covers (inclusive); absent = open.")]
    public DateOnly? BeginDate { get; init; }

    [Description("Last stay night the rule covers (inclusive); absent = open.")]
    public DateOnly? EndDate { get; init; }

    [Description("Days of week: every stay night must fall on one of these days, as .NET's DayOfWeek names "
        + "(\"Monday\" … \"Sunday\"), each at most once; absent or empty = every day. Written in week order, Monday first.")]
    public IReadOnlyList<DayOfWeek>? DaysOfWeek { get; init; }

    [Required, Description("true: from/to are room types; false: from/to are room classes.")]
    public bool? UpsellByRoomType { get; init; }

    [Required] public string? From { get; init; }
    [Required] public string? To { get; init; }

    public IReadOnlyList<string>? RateCodes { get; init; }
    public IReadOnlyList<string>? RateCategories { get; init; }
    public IReadOnlyList<EvaluateMembershipJson?>? MembershipTypes { get; init; }
    public IReadOnlyList<string>? Channels { get; init; }
    public IReadOnlyList<string>? ReservationTypes { get; init; }
    public IReadOnlyList<string>? MarketCodes { get; init; }

    [Required] public UpsellFormula? Formula { get; init; }

    [Description("The flat amount, or the percentage (5 = 5 %) for the two % formulas. Required unless upsellByOccupancyLevels.")]
    public decimal? UpsellAmount { get; init; }

    [Required] public string? CurrencyCode { get; init; }
    [Required] public RoundingRule? RoundingRule { get; init; }

    [Description("The stay must be booked at least this many days before arrival.")]
    public int? DaysInAdvance { get; init; }

    [Required] public bool? UpsellByOccupancyLevels { get; init; }

    [Description("Amount (or percentage) per occupancy level; required (non-empty) when upsellByOccupancyLevels.")]
    public IReadOnlyList<EvaluateOccupancyLevelAmountJson?>? OccupancyLevelAmounts { get; init; }
}

/// <summary>A membership type, optionally narrowed to one level (absent = any level of the type).</summary>
public sealed record EvaluateMembershipJson
{
    [Required] public string? Type { get; init; }
    public string? Level { get; init; }
}

public sealed record EvaluateOccupancyLevelAmountJson
{
    [Required] public int? Level { get; init; }
    [Required] public decimal? Amount { get; init; }
}

/// <summary>The reservation to test the rule against.</summary>
public sealed record EvaluateStayJson
{
    [Required] public DateOnly? ArrivalDate { get; init; }
    [Required] public DateOnly? DepartureDate { get; init; }

    [Required, Description("The date the reservation was made (days in advance count from it).")]
    public DateOnly? BookedOn { get; init; }

    [Required] public string? RoomType { get; init; }
    public string? RoomClass { get; init; }
    [Required] public string? RateCode { get; init; }
    public string? RateCategory { get; init; }
    public EvaluateMembershipJson? Membership { get; init; }
    public string? Channel { get; init; }
    public string? ReservationType { get; init; }
    public string? MarketCode { get; init; }
    [Required] public string? CurrencyCode { get; init; }

    [Required, Description("Exactly one entry per night, arrival to departure − 1 day, in order.")]
    public IReadOnlyList<EvaluateNightJson?>? Nights { get; init; }
}

public sealed record EvaluateNightJson
{
    [Required] public DateOnly? Date { get; init; }

    [Required, Description("The booked room type's nightly rate.")]
    public decimal? OriginalRate { get; init; }

    [Description("The target room type's nightly rate; required by % of Difference.")]
    public decimal? TargetRate { get; init; }

    [Description("The property's occupancy level that night; required when the rule uses occupancy levels.")]
    public int? OccupancyLevel { get; init; }
}

/// <summary>The answer: whether the rule applies, every failed criterion, and the offer when it applies.</summary>
public sealed record EvaluateResponse(bool Applicable, IReadOnlyList<EvaluateReasonJson> Reasons, EvaluateOfferJson? Offer);

/// <summary>One failed criterion, in plain words.</summary>
public sealed record EvaluateReasonJson(Criterion Criterion, string Message);

public sealed record EvaluateOfferJson(
    string RuleCode,
    string From,
    string To,
    string CurrencyCode,
    IReadOnlyList<EvaluateOfferNightJson> Nights,
    decimal TotalOriginalAmount,
    decimal TotalUpsellRate,
    decimal TotalUpsellAmount);

/// <summary>One night of the offer: upsellAmount = upsellRate − originalRate, upsellRate already rounded.</summary>
public sealed record EvaluateOfferNightJson(DateOnly Date, decimal OriginalRate, decimal UpsellRate, decimal UpsellAmount);

/// <summary>The serializer settings of the evaluate API: camelCase, strict numbers, strict enum names, no member twice.</summary>
public static class EvaluateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Web defaults read "100" as a number; the contract says amounts are JSON numbers.
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            // {"upsellAmount": 1, "upsellAmount": -5}: which one counts must not depend on the parser; refuse it.
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new StrictEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// <see cref="StrictEnumConverter{TEnum}"/> for every enum: what every <c>/api</c> body reads enums with (names
/// only; <c>"onConflict": 7</c> is a 400, not silently Skip) and writes them as (their names).
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert));
}

/// <summary>
/// Reads an enum from its exact member name only: numbers, numeric strings, other casing and comma lists are
/// rejected (JsonStringEnumConverter accepts some of these and would silently turn a typo into a value).
/// </summary>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private static readonly string[] Names = Enum.GetNames<TEnum>();

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            var name = Array.Find(Names, n => string.Equals(n, text, StringComparison.Ordinal));
            if (name is not null)
            {
                return Enum.Parse<TEnum>(name);
            }
        }

        throw new JsonException($"Expected one of {string.Join(", ", Names)}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
