using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Domain.Stays;

namespace UpsellAdmin.Domain.Quotes;

/// <summary>
/// One property's rules compiled ONCE for fast quotes; immutable and thread-safe, so build it when the rules change
/// and cache it. <see cref="Quote"/> gives exactly what <see cref="NaiveQuoteEngine"/> gives (same decisions, see its
/// remarks), without building any reason string unless <see cref="QuoteRequest.Explain"/> is set.
/// <para>What is precomputed: every code the rules mention is interned to a small integer and each filter list becomes
/// a bit set (the "hash set" of the filter); dates, Days in advance and currency become integer comparisons, Days of
/// week a weekday mask tested against the mask of the stay's nights; amounts
/// become the formula's factor (percentages divided by 100), per occupancy level when the rule uses levels. Rules are
/// bucketed by (stay room type, stay room class): a bucket holds only the rules whose From fits, each with its target
/// room types already filtered by the room hierarchy and the stay's own room type, and with their display sequences.
/// Rules that can never produce an offer (no target left) are not in any bucket.</para>
/// <para>Per quote: a handful of dictionary look-ups for the stay's codes, then integer checks per candidate rule,
/// per-night arithmetic only for the rules that pass them, target prices fetched once per target and only for
/// % of Difference rules, and nightly details built only for the offers returned. Scratch space is per thread.</para>
/// </summary>
public sealed class PropertyUpsellContext : IUpsellQuoter
{
    private const int Other = -1;

    private readonly PropertyUpsellSettings _settings;
    private readonly RoomTypeInfo[] _roomTypes;
    private readonly int[] _roomTypeCodeRank;
    private readonly CompiledRule[] _rules;
    private readonly Dictionary<string, int> _bucketTypeKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _bucketClassKeys = new(StringComparer.Ordinal);
    private readonly Candidate[]?[] _buckets;
    private readonly Dictionary<string, int> _rateCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rateCategories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reservationTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _currencies = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string? Level), int> _memberships = new();
    private readonly Lazy<NaiveQuoteEngine> _explainer;
    private readonly List<RoomHierarchyEntry> _hierarchy;

    [ThreadStatic]
    private static Scratch? _threadScratch;

    private PropertyUpsellContext(PropertyUpsellSetup setup)
    {
        _settings = setup.Settings;
        _explainer = new(() => new NaiveQuoteEngine(setup), LazyThreadSafetyMode.ExecutionAndPublication);
        _hierarchy = [.. setup.Hierarchy];
        _roomTypes = [.. setup.RoomTypes.DistinctBy(r => r.Code, StringComparer.Ordinal)];
        _roomTypeCodeRank = Ranks(_roomTypes.Select(r => r.Code).ToArray());

        var valid = new List<UpsellRuleDefinition>();
        var skipped = new List<SkippedRule>();
        foreach (var rule in setup.Rules)
        {
            var errors = UpsellInputValidator.ValidateRule(rule, checkDateRange: false);
            if (errors.Count == 0)
            {
                valid.Add(rule);
            }
            else
            {
                skipped.Add(new SkippedRule(rule.Code, errors));
            }
        }

        SkippedRules = skipped;
        var codeRanks = Ranks(valid.Select(r => r.Code).ToArray());
        _rules = new CompiledRule[valid.Count];
        for (var i = 0; i < valid.Count; i++)
        {
            _rules[i] = CompileRule(valid[i], i, codeRanks[i]);
        }

        // Bucket keys: every room type and room class a stay could match something with.
        foreach (var code in _roomTypes.Select(r => r.Code)
                     .Concat(valid.Where(r => r.UpsellByRoomType).Select(r => r.From))
                     .Concat(_hierarchy.Select(h => h.FromRoomType)))
        {
            _bucketTypeKeys.TryAdd(code, _bucketTypeKeys.Count);
        }

        foreach (var code in _roomTypes.Select(r => r.RoomClass).Concat(valid.Where(r => !r.UpsellByRoomType).Select(r => r.From)))
        {
            _bucketClassKeys.TryAdd(code, _bucketClassKeys.Count);
        }

        _buckets = new Candidate[]?[(_bucketTypeKeys.Count + 1) * (_bucketClassKeys.Count + 1)];
        foreach (var (type, typeKey) in _bucketTypeKeys)
        {
            _buckets[BucketIndex(typeKey, Other)] = BuildBucket(type, null);
        }

        foreach (var (roomClass, classKey) in _bucketClassKeys)
        {
            _buckets[BucketIndex(Other, classKey)] = BuildBucket(null, roomClass);
        }

        foreach (var roomType in _roomTypes)
        {
            _buckets[BucketIndex(_bucketTypeKeys[roomType.Code], _bucketClassKeys[roomType.RoomClass])] = BuildBucket(roomType.Code, roomType.RoomClass);
        }

        _buckets[BucketIndex(Other, Other)] = [];
    }

    /// <summary>Rules left out because <see cref="UpsellInputValidator.ValidateRule"/> rejects them.</summary>
    public IReadOnlyList<SkippedRule> SkippedRules { get; }

    /// <summary>The number of rules compiled (the setup's rules minus <see cref="SkippedRules"/>).</summary>
    public int RuleCount => _rules.Length;

    /// <summary>Compiles a property's setup; do it once per change of rules, room types, hierarchy or settings.</summary>
    public static PropertyUpsellContext Compile(PropertyUpsellSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return new PropertyUpsellContext(setup);
    }

    /// <summary>
    /// The offers for the request's stay: see <see cref="NaiveQuoteEngine"/> for the decisions and
    /// <see cref="QuoteResult"/> for ordering, cut and length of stay.
    /// </summary>
    /// <exception cref="InvalidUpsellInputException">The stay fails <see cref="UpsellInputValidator.ValidateStay"/>.</exception>
    public QuoteResult Quote(QuoteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Prices);
        var stay = request.Stay;
        var errors = UpsellInputValidator.ValidateStay(stay);
        if (errors.Count > 0)
        {
            throw new InvalidUpsellInputException(errors);
        }

        var nightCount = stay.NightCount;
        if (_settings.MaximumLengthOfStay is { } maxLos && nightCount > maxLos)
        {
            return QuoteResult.TooLong(nightCount, maxLos);
        }

        var scratch = _threadScratch ?? new Scratch();
        _threadScratch = null; // a re-entrant call (from a price lookup) gets its own scratch
        try
        {
            var offers = QuoteFast(stay, request.Prices, scratch, Unavailable(request.Unavailable));
            return new QuoteResult
            {
                Offers = offers,
                Explanations = request.Explain ? _explainer.Value.Explain(stay, request.Prices, request.Unavailable) : [],
            };
        }
        finally
        {
            _threadScratch = scratch;
        }
    }

    /// <summary>The request's unavailable room types as a flag per room type id (null: none).</summary>
    private bool[]? Unavailable(IReadOnlyDictionary<string, string>? unavailable)
    {
        if (unavailable is null || unavailable.Count == 0)
        {
            return null;
        }
        var flags = new bool[_roomTypes.Length];
        for (var i = 0; i < _roomTypes.Length; i++)
        {
            flags[i] = unavailable.ContainsKey(_roomTypes[i].Code);
        }
        return flags;
    }

    private UpsellOffer[] QuoteFast(Stay stay, INightlyPriceLookup prices, Scratch s, bool[]? unavailable)
    {
        var nightCount = stay.NightCount;
        s.Begin(nightCount, _roomTypes.Length);
        var stayNights = stay.Nights;
        var totalOriginal = 0m;
        var originalsInCents = true;
        for (var i = 0; i < nightCount; i++)
        {
            var night = stayNights[i];
            s.Original[i] = night.OriginalRate;
            s.Level[i] = night.OccupancyLevel;
            totalOriginal += night.OriginalRate;
            originalsInCents &= CentsMath.TryToCents(night.OriginalRate, out s.OriginalCents[i]);
        }

        s.OriginalsInCents = originalsInCents;

        var bucket = FindBucket(stay.RoomType, stay.RoomClass);
        if (bucket.Length == 0)
        {
            return [];
        }

        var arrivalDay = stay.Arrival.DayNumber;
        var lastNightDay = stay.Departure.DayNumber - 1;
        var lead = stay.DaysBookedInAdvance;
        var stayDays = StayWeekdays(stay.Arrival, nightCount);
        var currency = Id(_currencies, stay.CurrencyCode);
        var rateCode = Id(_rateCodes, stay.RateCode);
        var rateCategory = Id(_rateCategories, stay.RateCategory);
        var channel = Id(_channels, stay.Channel);
        var reservationType = Id(_reservationTypes, stay.ReservationType);
        var market = Id(_markets, stay.Market);
        int membershipAnyLevel = Other, membershipLevel = Other;
        if (stay.Membership is { } card && card.Type is not null)
        {
            membershipAnyLevel = _memberships.GetValueOrDefault((card.Type, null), Other);
            membershipLevel = card.Level is null ? Other : _memberships.GetValueOrDefault((card.Type, card.Level), Other);
        }

        foreach (var candidate in bucket)
        {
            var rule = _rules[candidate.Rule];
            if (arrivalDay < rule.BeginDay || lastNightDay > rule.EndDay || lead < rule.MinLead || currency != rule.Currency
                || (stayDays & ~rule.DayMask) != 0
                || (rule.RateCodes is { } rc && !rc.Contains(rateCode))
                || (rule.RateCategories is { } cat && !cat.Contains(rateCategory))
                || (rule.Channels is { } ch && !ch.Contains(channel))
                || (rule.ReservationTypes is { } rt && !rt.Contains(reservationType))
                || (rule.Markets is { } mk && !mk.Contains(market))
                || (rule.Memberships is { } ms && !ms.Contains(membershipAnyLevel) && !ms.Contains(membershipLevel))
                || !NightFactors(rule, s, nightCount))
            {
                continue;
            }

            if (rule.Formula != UpsellFormula.PercentOfDifferenceAddedToOriginalRate)
            {
                var total = TotalUpsellRate(rule, s, nightCount, target: -1);
                foreach (var target in candidate.Targets)
                {
                    if (unavailable is null || !unavailable[target.RoomType])
                    {
                        s.AddMatch(new Match(candidate.Rule, target.RoomType, target.Sequence, total), this);
                    }
                }

                continue;
            }

            foreach (var target in candidate.Targets)
            {
                if ((unavailable is null || !unavailable[target.RoomType]) && s.FetchTargetPrices(target.RoomType, nightCount, stay, _roomTypes[target.RoomType].Code, prices))
                {
                    s.AddMatch(new Match(candidate.Rule, target.RoomType, target.Sequence, TotalUpsellRate(rule, s, nightCount, target.RoomType)), this);
                }
            }
        }

        return BuildOffers(stay, s, totalOriginal);
    }

    private UpsellOffer[] BuildOffers(Stay stay, Scratch s, decimal totalOriginal)
    {
        var offered = s.OfferedTargets.AsSpan(0, s.OfferedCount);
        if (offered.IsEmpty)
        {
            return [];
        }

        // Insertion sort: a property offers a handful of room types.
        for (var i = 1; i < offered.Length; i++)
        {
            var current = offered[i];
            var j = i - 1;
            while (j >= 0 && CompareOffers(s, current, offered[j], totalOriginal) < 0)
            {
                offered[j + 1] = offered[j];
                j--;
            }

            offered[j + 1] = current;
        }

        var count = _settings.MaximumNumberOfOffers is { } max ? Math.Clamp(max, 0, offered.Length) : offered.Length;
        var result = new UpsellOffer[count];
        for (var k = 0; k < count; k++)
        {
            var targetId = offered[k];
            var winnerIndex = s.Best[targetId];
            var winner = s.Matches[winnerIndex];
            var rule = _rules[winner.Rule];
            var nights = new NightlyUpsell[stay.NightCount];
            NightFactors(rule, s, nights.Length);
            var byDifference = rule.Formula == UpsellFormula.PercentOfDifferenceAddedToOriginalRate;
            decimal totalRate = 0m, totalAmount = 0m;
            if (rule.InCents && s.OriginalsInCents && (!byDifference || s.TargetPricesInCents(targetId)))
            {
                // Same numbers and the same two-decimal scale as the decimal path (see CentsMath).
                var targetCents = byDifference ? s.CachedTargetCents(targetId, nights.Length) : default;
                long rateCents = 0, amountCents = 0;
                for (var i = 0; i < nights.Length; i++)
                {
                    var originalCents = s.OriginalCents[i];
                    var rate = CentsMath.UpsellRateCents(rule.Formula, rule.Rounding, rule.ByLevels ? s.IntFactor[i] : rule.IntFactor, originalCents, byDifference ? targetCents[i] : 0);
                    nights[i] = new NightlyUpsell(stay.Arrival.AddDays(i), s.Original[i], CentsMath.ToDecimal(rate), CentsMath.ToDecimal(rate - originalCents));
                    rateCents += rate;
                    amountCents += rate - originalCents;
                }

                totalRate = CentsMath.ToDecimal(rateCents);
                totalAmount = CentsMath.ToDecimal(amountCents);
            }
            else
            {
                var targetPrices = byDifference ? s.CachedTargetPrices(targetId, nights.Length) : default;
                for (var i = 0; i < nights.Length; i++)
                {
                    var original = s.Original[i];
                    var rate = NightRate(rule, s.Factor[i], original, byDifference ? targetPrices[i] : 0m);
                    nights[i] = new NightlyUpsell(stay.Arrival.AddDays(i), original, rate, rate - original);
                    totalRate += rate;
                    totalAmount += rate - original;
                }
            }

            result[k] = new UpsellOffer
            {
                ToRoomType = _roomTypes[targetId].Code,
                ToRoomClass = _roomTypes[targetId].RoomClass,
                DisplaySequence = winner.Sequence,
                Rule = ToMatched(winner, totalOriginal),
                Nights = nights,
                TotalOriginalAmount = totalOriginal,
                TotalUpsellRate = totalRate,
                TotalUpsellAmount = totalAmount,
                OtherMatchingRules = OtherMatches(s, targetId, winnerIndex, totalOriginal),
            };
        }

        return result;
    }

    private MatchedRule[] OtherMatches(Scratch s, int targetId, int winnerIndex, decimal totalOriginal)
    {
        var others = s.Others;
        var count = 0;
        for (var m = 0; m < s.MatchCount; m++)
        {
            if (m != winnerIndex && s.Matches[m].Target == targetId)
            {
                var j = count++;
                while (j > 0 && CompareMatches(s.Matches[m], s.Matches[others[j - 1]]) < 0)
                {
                    others[j] = others[j - 1];
                    j--;
                }

                others[j] = m;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var result = new MatchedRule[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = ToMatched(s.Matches[others[i]], totalOriginal);
        }

        return result;
    }

    private MatchedRule ToMatched(in Match match, decimal totalOriginal)
    {
        var rule = _rules[match.Rule];
        return new MatchedRule(rule.Code, rule.ByRoomType, rule.FilterCount, match.TotalUpsellRate, match.TotalUpsellRate - totalOriginal);
    }

    /// <summary>Rank of two matches of one target: negative when <paramref name="a"/> wins.</summary>
    private int CompareMatches(in Match a, in Match b)
    {
        var ra = _rules[a.Rule];
        var rb = _rules[b.Rule];
        if (ra.ByRoomType != rb.ByRoomType)
        {
            return ra.ByRoomType ? -1 : 1;
        }

        if (ra.FilterCount != rb.FilterCount)
        {
            return rb.FilterCount.CompareTo(ra.FilterCount);
        }

        var byRate = a.TotalUpsellRate.CompareTo(b.TotalUpsellRate);
        if (byRate != 0)
        {
            return byRate;
        }

        return ra.CodeRank != rb.CodeRank ? ra.CodeRank.CompareTo(rb.CodeRank) : a.Rule.CompareTo(b.Rule);
    }

    private int CompareOffers(Scratch s, int targetA, int targetB, decimal totalOriginal)
    {
        var a = s.Matches[s.Best[targetA]];
        var b = s.Matches[s.Best[targetB]];
        var byAmount = _settings.SortOrder switch
        {
            OfferSortOrder.UpsellAmountAscending => (a.TotalUpsellRate - totalOriginal).CompareTo(b.TotalUpsellRate - totalOriginal),
            OfferSortOrder.UpsellAmountDescending => (b.TotalUpsellRate - totalOriginal).CompareTo(a.TotalUpsellRate - totalOriginal),
            _ => 0,
        };
        if (byAmount != 0)
        {
            return byAmount;
        }

        return a.Sequence != b.Sequence ? a.Sequence.CompareTo(b.Sequence) : _roomTypeCodeRank[targetA].CompareTo(_roomTypeCodeRank[targetB]);
    }

    /// <summary>The <see cref="Weekdays"/> mask of the weekdays the stay's nights fall on (all seven from 7 nights on).</summary>
    private static int StayWeekdays(DateOnly arrival, int nightCount)
    {
        var mask = 0;
        var first = (int)arrival.DayOfWeek;
        for (var i = 0; i < Math.Min(nightCount, 7); i++)
        {
            mask |= 1 << ((first + i) % 7);
        }

        return mask;
    }

    /// <summary>Fills <see cref="Scratch.Factor"/> per night; false when a night's occupancy level has no amount.</summary>
    private static bool NightFactors(CompiledRule rule, Scratch s, int nightCount)
    {
        if (!rule.ByLevels)
        {
            return true;
        }

        for (var i = 0; i < nightCount; i++)
        {
            if (s.Level[i] is not { } level)
            {
                return false;
            }

            var found = Array.IndexOf(rule.Levels, level);
            if (found < 0)
            {
                return false;
            }

            s.Factor[i] = rule.LevelFactors[found];
            s.IntFactor[i] = rule.LevelIntFactors[found];
        }

        return true;
    }

    /// <summary>Σ rounded upsell rate; <paramref name="target"/> is the target room type (% of Difference) or −1.</summary>
    private static decimal TotalUpsellRate(CompiledRule rule, Scratch s, int nightCount, int target)
    {
        var targetPrices = target < 0 ? default : s.CachedTargetPrices(target, nightCount);
        if (rule.InCents && s.OriginalsInCents && (target < 0 || s.TargetPricesInCents(target)))
        {
            // Exact integer arithmetic, same results as the decimal path below (CentsMath).
            var targetCents = target < 0 ? default : s.CachedTargetCents(target, nightCount);
            var original = s.OriginalCents;
            var cents = 0L;
            for (var i = 0; i < nightCount; i++)
            {
                cents += CentsMath.UpsellRateCents(rule.Formula, rule.Rounding, rule.ByLevels ? s.IntFactor[i] : rule.IntFactor, original[i], target < 0 ? 0 : targetCents[i]);
            }

            return CentsMath.ToDecimal(cents);
        }

        var total = 0m;
        for (var i = 0; i < nightCount; i++)
        {
            total += NightRate(rule, rule.ByLevels ? s.Factor[i] : rule.Factor, s.Original[i], targetPrices.IsEmpty ? 0m : targetPrices[i]);
        }

        return total;
    }

    private static decimal NightRate(CompiledRule rule, decimal factor, decimal original, decimal target) =>
        Rounding.Apply(rule.Rounding, UpsellMath.ComputeRateWithFactor(rule.Formula, rule.ByLevels ? factor : rule.Factor, original, target), original);

    private Candidate[] FindBucket(string roomType, string? roomClass)
    {
        var typeKey = Id(_bucketTypeKeys, roomType);
        var classKey = Id(_bucketClassKeys, roomClass);
        return _buckets[BucketIndex(typeKey, classKey)]
            ?? BuildBucket(roomType, roomClass); // a room class other than the room type's own: rare, built per quote
    }

    private int BucketIndex(int typeKey, int classKey) => ((typeKey + 1) * (_bucketClassKeys.Count + 1)) + classKey + 1;

    private Candidate[] BuildBucket(string? stayRoomType, string? stayRoomClass)
    {
        var allowed = _hierarchy
            .Where(h => stayRoomType is not null && string.Equals(h.FromRoomType, stayRoomType, StringComparison.Ordinal))
            .GroupBy(h => h.ToRoomType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(h => h.DisplaySequence), StringComparer.Ordinal);
        var result = new List<Candidate>();
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i].Definition;
            var fits = rule.UpsellByRoomType
                ? stayRoomType is not null && string.Equals(rule.From, stayRoomType, StringComparison.Ordinal)
                : stayRoomClass is not null && string.Equals(rule.From, stayRoomClass, StringComparison.Ordinal);
            if (!fits)
            {
                continue;
            }

            var targets = new List<Target>();
            for (var t = 0; t < _roomTypes.Length; t++)
            {
                var roomType = _roomTypes[t];
                var isTarget = string.Equals(rule.UpsellByRoomType ? roomType.Code : roomType.RoomClass, rule.To, StringComparison.Ordinal);
                if (!isTarget || string.Equals(roomType.Code, stayRoomType, StringComparison.Ordinal))
                {
                    continue;
                }

                if (allowed.Count == 0)
                {
                    targets.Add(new Target(t, roomType.Sequence));
                }
                else if (allowed.TryGetValue(roomType.Code, out var sequence))
                {
                    targets.Add(new Target(t, sequence));
                }
            }

            if (targets.Count > 0)
            {
                result.Add(new Candidate(i, [.. targets]));
            }
        }

        return [.. result];
    }

    private CompiledRule CompileRule(UpsellRuleDefinition rule, int index, int codeRank)
    {
        var levels = rule.UpsellByOccupancyLevels ? rule.OccupancyLevelAmounts.Select(a => a.Level).ToArray() : [];
        return new CompiledRule
        {
            Definition = rule,
            Index = index,
            Code = rule.Code,
            CodeRank = codeRank,
            ByRoomType = rule.UpsellByRoomType,
            FilterCount = rule.FilterCount(),
            BeginDay = rule.BeginDate?.DayNumber ?? int.MinValue,
            EndDay = rule.EndDate?.DayNumber ?? int.MaxValue,
            MinLead = rule.DaysInAdvance ?? int.MinValue,
            DayMask = Weekdays.ToMask(rule.DaysOfWeek) is var days and not Weekdays.Every ? days : Weekdays.AllBits,
            Currency = Intern(_currencies, rule.CurrencyCode),
            RateCodes = IdSet.Of(rule.RateCodes, _rateCodes),
            RateCategories = IdSet.Of(rule.RateCategories, _rateCategories),
            Channels = IdSet.Of(rule.Channels, _channels),
            ReservationTypes = IdSet.Of(rule.ReservationTypes, _reservationTypes),
            Markets = IdSet.Of(rule.MarketCodes, _markets),
            Memberships = rule.Memberships.Count == 0
                ? null
                : IdSet.FromIds(rule.Memberships.Select(m => _memberships.TryGetValue((m.Type, m.Level), out var id) ? id : _memberships[(m.Type, m.Level)] = _memberships.Count)),
            Formula = rule.Formula,
            Rounding = rule.RoundingRule,
            ByLevels = rule.UpsellByOccupancyLevels,
            Factor = rule.UpsellByOccupancyLevels ? 0m : UpsellMath.Factor(rule.Formula, rule.UpsellAmount!.Value),
            InCents = rule.UpsellByOccupancyLevels
                ? rule.OccupancyLevelAmounts.All(a => CentsMath.TryFactor(rule.Formula, a.Amount, out _))
                : CentsMath.TryFactor(rule.Formula, rule.UpsellAmount!.Value, out _),
            IntFactor = !rule.UpsellByOccupancyLevels && CentsMath.TryFactor(rule.Formula, rule.UpsellAmount!.Value, out var intFactor) ? intFactor : 0,
            LevelIntFactors = rule.UpsellByOccupancyLevels
                ? rule.OccupancyLevelAmounts.Select(a => CentsMath.TryFactor(rule.Formula, a.Amount, out var f) ? f : 0).ToArray()
                : [],
            Levels = levels,
            LevelFactors = rule.UpsellByOccupancyLevels ? rule.OccupancyLevelAmounts.Select(a => UpsellMath.Factor(rule.Formula, a.Amount)).ToArray() : [],
        };
    }

    private static int Intern(Dictionary<string, int> ids, string code)
    {
        if (!ids.TryGetValue(code, out var id))
        {
            id = ids.Count;
            ids.Add(code, id);
        }

        return id;
    }

    private static int Id(Dictionary<string, int> ids, string? code) => code is not null && ids.TryGetValue(code, out var id) ? id : Other;

    /// <summary>For each code, its position in ordinal order (equal codes share a rank).</summary>
    private static int[] Ranks(string[] codes)
    {
        var distinct = codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rank = distinct.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        return codes.Select(c => rank[c]).ToArray();
    }

    private readonly record struct Target(int RoomType, int Sequence);

    private sealed record Candidate(int Rule, Target[] Targets);

    private readonly record struct Match(int Rule, int Target, int Sequence, decimal TotalUpsellRate);

    /// <summary>A set of interned codes as a bit set; null in a rule means "any".</summary>
    private sealed class IdSet
    {
        private readonly ulong[] _bits;

        private IdSet(ulong[] bits) => _bits = bits;

        public static IdSet? Of(IReadOnlyList<string> codes, Dictionary<string, int> ids) =>
            codes.Count == 0 ? null : FromIds(codes.Select(c => Intern(ids, c)));

        public static IdSet FromIds(IEnumerable<int> ids)
        {
            var list = ids.ToList();
            var bits = new ulong[(list.Max() / 64) + 1];
            foreach (var id in list)
            {
                bits[id >> 6] |= 1UL << (id & 63);
            }

            return new IdSet(bits);
        }

        public bool Contains(int id) => id >= 0 && (id >> 6) < _bits.Length && (_bits[id >> 6] & (1UL << (id & 63))) != 0;
    }

    private sealed class CompiledRule
    {
        public required UpsellRuleDefinition Definition { get; init; }
        public required int Index { get; init; }
        public required string Code { get; init; }
        public required int CodeRank { get; init; }
        public required bool ByRoomType { get; init; }
        public required int FilterCount { get; init; }
        public required int BeginDay { get; init; }
        public required int EndDay { get; init; }
        public required int MinLead { get; init; }

        /// <summary>The weekdays the rule allows; <see cref="Weekdays.AllBits"/> when it allows every day.</summary>
        public required int DayMask { get; init; }
        public required int Currency { get; init; }
        public IdSet? RateCodes { get; init; }
        public IdSet? RateCategories { get; init; }
        public IdSet? Channels { get; init; }
        public IdSet? ReservationTypes { get; init; }
        public IdSet? Markets { get; init; }
        public IdSet? Memberships { get; init; }
        public required UpsellFormula Formula { get; init; }
        public required RoundingRule Rounding { get; init; }
        public required bool ByLevels { get; init; }
        public required decimal Factor { get; init; }

        /// <summary>True when every amount of the rule fits <see cref="CentsMath"/>: the integer path may be used.</summary>
        public required bool InCents { get; init; }
        public required long IntFactor { get; init; }
        public required long[] LevelIntFactors { get; init; }
        public required int[] Levels { get; init; }
        public required decimal[] LevelFactors { get; init; }
    }

    /// <summary>Per-thread working memory of a quote, reused so the hot path allocates only the result.</summary>
    private sealed class Scratch
    {
        private int _stamp;
        private int[] _bestStamp = [];
        private int[] _priceStamp = [];
        private bool[] _priceUsable = [];
        private decimal[] _prices = [];
        private long[] _priceCents = [];
        private bool[] _priceInCents = [];
        private int _nightCapacity;

        public long[] OriginalCents { get; private set; } = [];
        public decimal?[] Fetched { get; private set; } = [];
        public bool OriginalsInCents { get; set; }
        public long[] IntFactor { get; private set; } = [];

        public decimal[] Original { get; private set; } = [];
        public int?[] Level { get; private set; } = [];
        public decimal[] Factor { get; private set; } = [];
        public Match[] Matches { get; private set; } = new Match[64];
        public int MatchCount { get; private set; }
        public int[] Best { get; private set; } = [];
        public int[] OfferedTargets { get; private set; } = [];
        public int OfferedCount { get; private set; }
        public int[] Others { get; private set; } = new int[64];

        public void Begin(int nights, int roomTypeCount)
        {
            if (nights > _nightCapacity || roomTypeCount > Best.Length)
            {
                _nightCapacity = Math.Max(nights, _nightCapacity);
                var targets = Math.Max(roomTypeCount, Best.Length);
                Original = new decimal[_nightCapacity];
                Level = new int?[_nightCapacity];
                Factor = new decimal[_nightCapacity];
                OriginalCents = new long[_nightCapacity];
                Fetched = new decimal?[_nightCapacity];
                IntFactor = new long[_nightCapacity];
                Best = new int[targets];
                _bestStamp = new int[targets];
                OfferedTargets = new int[targets];
                _priceStamp = new int[targets];
                _priceUsable = new bool[targets];
                _prices = new decimal[targets * _nightCapacity];
                _priceCents = new long[targets * _nightCapacity];
                _priceInCents = new bool[targets];
                _stamp = 0;
            }

            if (++_stamp == int.MaxValue)
            {
                Array.Clear(_bestStamp);
                Array.Clear(_priceStamp);
                _stamp = 1;
            }

            MatchCount = 0;
            OfferedCount = 0;
        }

        public void AddMatch(in Match match, PropertyUpsellContext context)
        {
            if (MatchCount == Matches.Length)
            {
                var grown = new Match[Matches.Length * 2];
                Matches.CopyTo(grown, 0);
                Matches = grown;
                Others = new int[grown.Length];
            }

            var index = MatchCount++;
            Matches[index] = match;
            var target = match.Target;
            if (_bestStamp[target] != _stamp)
            {
                _bestStamp[target] = _stamp;
                Best[target] = index;
                OfferedTargets[OfferedCount++] = target;
            }
            else if (context.CompareMatches(match, Matches[Best[target]]) < 0)
            {
                Best[target] = index;
            }
        }

        /// <summary>
        /// Fetches the target's nightly prices once per quote; false when a night has none or one not above the
        /// original (criterion TargetRate).
        /// </summary>
        public bool FetchTargetPrices(int target, int nights, Stay stay, string targetCode, INightlyPriceLookup lookup)
        {
            if (_priceStamp[target] != _stamp)
            {
                _priceStamp[target] = _stamp;
                var usable = true;
                var inCents = true;
                var offset = target * _nightCapacity;
                var fetched = Fetched.AsSpan(0, nights);
                lookup.GetNightlyRates(stay.RateCode, targetCode, stay.Arrival, fetched);
                for (var i = 0; i < nights && usable; i++)
                {
                    var price = fetched[i];
                    usable = price is { } p && p > Original[i];
                    _prices[offset + i] = price ?? 0m;
                    inCents &= CentsMath.TryToCents(price ?? 0m, out _priceCents[offset + i]);
                }

                _priceUsable[target] = usable;
                _priceInCents[target] = inCents;
            }

            return _priceUsable[target];
        }

        public bool TargetPricesInCents(int target) => _priceInCents[target];

        public ReadOnlySpan<long> CachedTargetCents(int target, int nights) => _priceCents.AsSpan(target * _nightCapacity, nights);

        public ReadOnlySpan<decimal> CachedTargetPrices(int target, int nights) => _prices.AsSpan(target * _nightCapacity, nights);
    }
}
