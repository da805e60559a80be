using System.Text.Json;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;

namespace UpsellAdmin.Web.Features.Api;

/// <summary>
/// Turns the wire request into the Domain's rule and stay (reporting missing members by field path), the Domain's
/// validation errors into wire field paths, and a <see cref="RuleEvaluation"/> into the response.
/// </summary>
public static class EvaluateMapping
{
    /// <summary>At most this many error messages are answered; the rest are counted (see <see cref="ProblemErrors"/>).</summary>
    public const int MaxErrors = 50;

    /// <summary>The extension member of a 400 that counts the error messages left out after the first <see cref="MaxErrors"/>.</summary>
    public const string MoreErrorsMember = "moreErrors";

    /// <summary>Domain field names whose JSON member has another name.</summary>
    private static readonly Dictionary<string, string> DomainToJsonField = new(StringComparer.Ordinal)
    {
        ["stay.arrival"] = "stay.arrivalDate",
        ["stay.departure"] = "stay.departureDate",
        ["stay.market"] = "stay.marketCode",
        ["rule.memberships"] = "rule.membershipTypes",
    };

    /// <summary>Maps the request, or returns the missing required members (field path → message). Nights beyond
    /// <see cref="UpsellLimits.MaxNights"/> and lists beyond <see cref="UpsellLimits.MaxListEntries"/> are one error
    /// each, not one per entry; at most <see cref="MaxErrors"/> messages are kept.</summary>
    public static (UpsellRuleDefinition? Rule, Stay? Stay, ProblemErrors Errors) Map(EvaluateRequest? request)
    {
        var errors = new Errors();
        if (request is null)
        {
            errors.Add("$", "The request body must be a JSON object with \"rule\" and \"stay\".");
            return (null, null, errors.ToProblemErrors());
        }

        var rule = MapRule(request.Rule, errors);
        var stay = MapStay(request.Stay, errors);
        return errors.Count > 0 ? (null, null, errors.ToProblemErrors()) : (rule, stay, errors.ToProblemErrors());
    }

    /// <summary>The Domain's validation errors keyed by the JSON field path, messages grouped per field (the first
    /// <see cref="MaxErrors"/> messages, the rest counted).</summary>
    public static ProblemErrors ToProblemErrors(IEnumerable<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var result = new Errors();
        foreach (var error in errors)
        {
            result.Add(JsonField(error.Field), error.Message);
        }

        return result.ToProblemErrors();
    }

    /// <summary>A <see cref="JsonException"/> as one error keyed by its path ("$.stay.nights[2].date" → "stay.nights[2].date").</summary>
    public static ProblemErrors FromJsonException(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path is { Length: > 0 } p ? p : "$";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        // A path names members of the contract, but an unknown member's name is the sender's: keep the key short.
        field = field.Length > MaxFieldLength ? field[..MaxFieldLength] + "…" : field;
        var errors = new Errors();
        errors.Add(field, FriendlyJsonMessage(exception));
        return errors.ToProblemErrors();
    }

    private const int MaxFieldLength = 200;

    /// <summary>
    /// Before the body is deserialized: every array longer than its cap (<see cref="UpsellLimits.MaxNights"/> for
    /// stay.nights, <see cref="UpsellLimits.MaxListEntries"/> elsewhere) as one error keyed by its path, its entries
    /// beyond the cap only scanned, never materialized (a 1 MB body of 300,000 empty nights cost 300,000 objects; eight
    /// in parallel held a tiny GET for 2 s on two cores). Null when there is none, or when the JSON is malformed (the
    /// deserializer then names the problem).
    /// </summary>
    public static ProblemErrors? FindOverlongArrays(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var frames = new List<(string Path, bool IsArray, int Count)>();
        var errors = new Errors();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }

                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    var (path, isArray, count) = frames[^1];
                    frames.RemoveAt(frames.Count - 1);
                    var cap = path == "stay.nights" ? UpsellLimits.MaxNights : UpsellLimits.MaxListEntries;
                    if (isArray && count > cap)
                    {
                        errors.Add(path.Length > MaxFieldLength ? path[..MaxFieldLength] + "…" : path, $"At most {cap} entries (it has {count}).");
                    }

                    continue;
                }

                // A value: an entry of the array or a member of the object it is in.
                var elementPath = "";
                if (frames.Count > 0)
                {
                    var parent = frames[^1];
                    if (parent.IsArray)
                    {
                        frames[^1] = parent with { Count = parent.Count + 1 };
                        if (parent.Count >= UpsellLimits.MaxListEntries)
                        {
                            reader.Skip(); // counted, not looked into
                            continue;
                        }

                        elementPath = $"{parent.Path}[{parent.Count}]";
                    }
                    else
                    {
                        elementPath = parent.Path.Length == 0 ? property ?? "" : $"{parent.Path}.{property}";
                    }
                }

                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add((elementPath, token == JsonTokenType.StartArray, 0));
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return errors.Count > 0 ? errors.ToProblemErrors() : null;
    }

    public static string JsonField(string domainField)
    {
        foreach (var (domain, json) in DomainToJsonField)
        {
            if (domainField == domain || domainField.StartsWith(domain + ".", StringComparison.Ordinal) || domainField.StartsWith(domain + "[", StringComparison.Ordinal))
            {
                return json + domainField[domain.Length..];
            }
        }

        return domainField;
    }

    public static EvaluateResponse ToResponse(UpsellRuleDefinition rule, Stay stay, RuleEvaluation evaluation)
    {
        var reasons = evaluation.Reasons.Select(r => new EvaluateReasonJson(r.Criterion, r.Message)).ToList();
        var offer = evaluation.Applicable
            ? new EvaluateOfferJson(
                rule.Code,
                rule.From,
                rule.To,
                stay.CurrencyCode,
                evaluation.Nights.Select(n => new EvaluateOfferNightJson(n.Date, n.OriginalRate, n.UpsellRate, n.UpsellAmount)).ToList(),
                evaluation.TotalOriginalAmount,
                evaluation.TotalUpsellRate,
                evaluation.TotalUpsellAmount)
            : null;
        return new EvaluateResponse(evaluation.Applicable, reasons, offer);
    }

    /// <summary>A rule in the API's rule shape (the reverse of the request mapping): lists sorted by code, so the same
    /// rule always reads the same.</summary>
    public static EvaluateRuleJson ToRuleJson(UpsellRuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();
        return new EvaluateRuleJson
        {
            Code = rule.Code,
            Description = rule.Description,
            BeginDate = rule.BeginDate,
            EndDate = rule.EndDate,
            DaysOfWeek = Weekdays.InWeekOrder.Where(rule.DaysOfWeek.Contains).ToList(),
            UpsellByRoomType = rule.UpsellByRoomType,
            From = rule.From,
            To = rule.To,
            RateCodes = Sorted(rule.RateCodes),
            RateCategories = Sorted(rule.RateCategories),
            MembershipTypes = rule.Memberships
                .OrderBy(m => m.Type, StringComparer.Ordinal).ThenBy(m => m.Level, StringComparer.Ordinal)
                .Select(m => new EvaluateMembershipJson { Type = m.Type, Level = m.Level }).ToList(),
            Channels = Sorted(rule.Channels),
            ReservationTypes = Sorted(rule.ReservationTypes),
            MarketCodes = Sorted(rule.MarketCodes),
            Formula = rule.Formula,
            UpsellAmount = rule.UpsellAmount,
            CurrencyCode = rule.CurrencyCode,
            RoundingRule = rule.RoundingRule,
            DaysInAdvance = rule.DaysInAdvance,
            UpsellByOccupancyLevels = rule.UpsellByOccupancyLevels,
            OccupancyLevelAmounts = rule.OccupancyLevelAmounts.OrderBy(a => a.Level)
                .Select(a => new EvaluateOccupancyLevelAmountJson { Level = a.Level, Amount = a.Amount }).ToList(),
        };
    }

    private static UpsellRuleDefinition? MapRule(EvaluateRuleJson? json, Errors errors)
    {
        if (json is null)
        {
            errors.Add("rule", "The rule is required.");
            return null;
        }

        var code = errors.Require("rule.code", json.Code);
        var byRoomType = errors.Require("rule.upsellByRoomType", json.UpsellByRoomType);
        var from = errors.Require("rule.from", json.From);
        var to = errors.Require("rule.to", json.To);
        var formula = errors.Require("rule.formula", json.Formula);
        var currency = errors.Require("rule.currencyCode", json.CurrencyCode);
        var rounding = errors.Require("rule.roundingRule", json.RoundingRule);
        var byLevels = errors.Require("rule.upsellByOccupancyLevels", json.UpsellByOccupancyLevels);

        var memberships = new List<MembershipFilter>();
        for (var i = 0; i < Capped(errors, "rule.membershipTypes", json.MembershipTypes); i++)
        {
            var m = json.MembershipTypes![i];
            if (errors.Require($"rule.membershipTypes[{i}]", m) is { } entry && errors.Require($"rule.membershipTypes[{i}].type", entry.Type) is { } type)
            {
                memberships.Add(new MembershipFilter(type, entry.Level));
            }
        }

        var levels = new List<OccupancyLevelAmount>();
        for (var i = 0; i < Capped(errors, "rule.occupancyLevelAmounts", json.OccupancyLevelAmounts); i++)
        {
            var row = json.OccupancyLevelAmounts![i];
            if (errors.Require($"rule.occupancyLevelAmounts[{i}]", row) is not { } entry)
            {
                continue;
            }

            var level = errors.Require($"rule.occupancyLevelAmounts[{i}].level", entry.Level);
            var amount = errors.Require($"rule.occupancyLevelAmounts[{i}].amount", entry.Amount);
            if (level is { } l && amount is { } a)
            {
                levels.Add(new OccupancyLevelAmount(l, a));
            }
        }

        CheckList(errors, "rule.rateCodes", json.RateCodes);
        CheckList(errors, "rule.rateCategories", json.RateCategories);
        CheckList(errors, "rule.channels", json.Channels);
        CheckList(errors, "rule.reservationTypes", json.ReservationTypes);
        CheckList(errors, "rule.marketCodes", json.MarketCodes);

        if (code is null || byRoomType is null || from is null || to is null || formula is null || currency is null || rounding is null || byLevels is null)
        {
            return null;
        }

        return new UpsellRuleDefinition
        {
            Code = code,
            Description = json.Description ?? "",
            BeginDate = json.BeginDate,
            EndDate = json.EndDate,
            DaysOfWeek = json.DaysOfWeek ?? [],
            UpsellByRoomType = byRoomType.Value,
            From = from,
            To = to,
            RateCodes = json.RateCodes ?? [],
            RateCategories = json.RateCategories ?? [],
            Memberships = memberships,
            Channels = json.Channels ?? [],
            ReservationTypes = json.ReservationTypes ?? [],
            MarketCodes = json.MarketCodes ?? [],
            Formula = formula.Value,
            UpsellAmount = json.UpsellAmount,
            CurrencyCode = currency,
            RoundingRule = rounding.Value,
            DaysInAdvance = json.DaysInAdvance,
            UpsellByOccupancyLevels = byLevels.Value,
            OccupancyLevelAmounts = levels,
        };
    }

    private static Stay? MapStay(EvaluateStayJson? json, Errors errors)
    {
        if (json is null)
        {
            errors.Add("stay", "The stay is required.");
            return null;
        }

        var arrival = errors.Require("stay.arrivalDate", json.ArrivalDate);
        var departure = errors.Require("stay.departureDate", json.DepartureDate);
        var bookedOn = errors.Require("stay.bookedOn", json.BookedOn);
        var roomType = errors.Require("stay.roomType", json.RoomType);
        var rateCode = errors.Require("stay.rateCode", json.RateCode);
        var currency = errors.Require("stay.currencyCode", json.CurrencyCode);
        var membershipType = json.Membership is null ? null : errors.Require("stay.membership.type", json.Membership.Type);
        var nightsJson = errors.Require("stay.nights", json.Nights);

        var nights = new List<StayNight>();
        for (var i = 0; i < Capped(errors, "stay.nights", nightsJson, UpsellLimits.MaxNights); i++)
        {
            if (errors.Require($"stay.nights[{i}]", nightsJson![i]) is not { } night)
            {
                continue;
            }

            var date = errors.Require($"stay.nights[{i}].date", night.Date);
            var original = errors.Require($"stay.nights[{i}].originalRate", night.OriginalRate);
            if (date is { } d && original is { } o)
            {
                nights.Add(new StayNight(d, o, night.TargetRate, night.OccupancyLevel));
            }
        }

        if (arrival is null || departure is null || bookedOn is null || roomType is null || rateCode is null || currency is null || nightsJson is null
            || (json.Membership is not null && membershipType is null))
        {
            return null;
        }

        return new Stay
        {
            Arrival = arrival.Value,
            Departure = departure.Value,
            BookedOn = bookedOn.Value,
            RoomType = roomType,
            RoomClass = json.RoomClass,
            RateCode = rateCode,
            RateCategory = json.RateCategory,
            Membership = membershipType is null ? null : new StayMembership(membershipType, json.Membership!.Level),
            Channel = json.Channel,
            ReservationType = json.ReservationType,
            Market = json.MarketCode,
            CurrencyCode = currency,
            Nights = nights,
        };
    }

    private static void CheckList(Errors errors, string field, IReadOnlyList<string>? list)
    {
        for (var i = 0; i < Capped(errors, field, list); i++)
        {
            errors.Require($"{field}[{i}]", list![i]);
        }
    }

    /// <summary>How many entries of <paramref name="list"/> to look at: all of them, or none (and one error) when it
    /// has more than <paramref name="max"/>.</summary>
    private static int Capped<T>(Errors errors, string field, IReadOnlyList<T>? list, int max = UpsellLimits.MaxListEntries)
    {
        if (list is null)
        {
            return 0;
        }

        if (list.Count > max)
        {
            errors.Add(field, $"At most {max} entries (it has {list.Count}).");
            return 0;
        }

        return list.Count;
    }

    private static string FriendlyJsonMessage(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        if (!message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return message;
        }

        return message switch
        {
            _ when message.Contains("DateOnly", StringComparison.Ordinal) => "Expected a date as \"yyyy-MM-dd\".",
            _ when message.Contains("Decimal", StringComparison.Ordinal) => "Expected a number.",
            _ when message.Contains("Int32", StringComparison.Ordinal) => "Expected a whole number.",
            _ when message.Contains("Boolean", StringComparison.Ordinal) => "Expected true or false.",
            _ when message.Contains("String", StringComparison.Ordinal) => "Expected a string.",
            _ when message.Contains("List", StringComparison.Ordinal) => "Expected an array.",
            _ => "Expected an object.",
        };
    }

    /// <summary>Field path → messages, in the order first seen; the first <see cref="MaxErrors"/> messages kept, the rest counted.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
        private int _kept;
        private int _more;

        public int Count => _kept + _more;

        public void Add(string field, string message)
        {
            if (_kept >= MaxErrors)
            {
                _more++;
                return;
            }

            if (!_byField.TryGetValue(field, out var list))
            {
                _byField[field] = list = [];
            }

            list.Add(message);
            _kept++;
        }

        public T? Require<T>(string field, T? value) where T : class
        {
            if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
            {
                Add(field, "Required.");
                return null;
            }

            return value;
        }

        public T? Require<T>(string field, T? value) where T : struct
        {
            if (value is null)
            {
                Add(field, "Required.");
            }

            return value;
        }

        public ProblemErrors ToProblemErrors() =>
            new(_byField.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal), _more);
    }
}

/// <summary>A 400's errors: field path → messages (at most <see cref="EvaluateMapping.MaxErrors"/> messages), and how
/// many more there were.</summary>
public sealed record ProblemErrors(Dictionary<string, string[]> ByField, int More)
{
    public int Count => ByField.Values.Sum(v => v.Length) + More;
}
