using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;

namespace UpsellAdmin.Web.Features.UpsellRules;

/// <summary>
/// Every code of a property with its active flag, loaded in one UNION ALL query, to flag rules that name a code
/// which is missing or inactive (the Mews sync deactivates instead of deleting).
/// </summary>
internal sealed class ReferenceStatus
{
    private enum Kind
    {
        RoomType,
        RoomClass,
        RateCode,
        RateCategory,
        Market,
        Channel,
        ReservationType,
        MembershipType,
        MembershipLevel,
    }

    private readonly Dictionary<(Kind, string), bool> _active;

    private ReferenceStatus(Dictionary<(Kind, string), bool> active) => _active = active;

    public static async Task<ReferenceStatus> LoadAsync(AppDbContext db, int propertyId, CancellationToken ct)
    {
        var rows = await db.RoomTypes.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.RoomType, Code = x.Code, Active = x.IsActive })
            .Concat(db.RoomClasses.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.RoomClass, Code = x.Code, Active = x.IsActive }))
            .Concat(db.RateCodes.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.RateCode, Code = x.Code, Active = x.IsActive }))
            .Concat(db.RateCategories.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.RateCategory, Code = x.Code, Active = x.IsActive }))
            .Concat(db.Markets.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.Market, Code = x.Code, Active = x.IsActive }))
            .Concat(db.Channels.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.Channel, Code = x.Code, Active = x.IsActive }))
            .Concat(db.ReservationTypes.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.ReservationType, Code = x.Code, Active = x.IsActive }))
            .Concat(db.MembershipTypes.Where(x => x.PropertyId == propertyId).Select(x => new Row { Kind = (int)Kind.MembershipType, Code = x.Code, Active = x.IsActive }))
            .Concat(db.MembershipLevels
                .Join(db.MembershipTypes.Where(t => t.PropertyId == propertyId), l => l.MembershipTypeId, t => t.Id, (l, t) => new { l, t })
                .Select(x => new Row { Kind = (int)Kind.MembershipLevel, Code = x.t.Code + "/" + x.l.Code, Active = x.l.IsActive && x.t.IsActive }))
            .AsNoTracking()
            .ToListAsync(ct);
        var active = new Dictionary<(Kind, string), bool>();
        foreach (var row in rows)
        {
            active[((Kind)row.Kind, row.Code)] = row.Active;
        }
        return new ReferenceStatus(active);
    }

    private sealed class Row
    {
        public int Kind { get; init; }
        public string Code { get; init; } = "";
        public bool Active { get; init; }
    }

    public IReadOnlyList<string> Warnings(bool byRoomType, string from, string to, IEnumerable<(RuleFilterKind Kind, string Value, string? Level)> filters)
    {
        List<string>? warnings = null;
        void Check(Kind kind, string code, string label)
        {
            var message = !_active.TryGetValue((kind, code), out var isActive)
                ? $"{label} {code} does not exist in this property"
                : isActive ? null : $"{label} {code} is inactive";
            if (message is not null)
            {
                (warnings ??= []).Add(message);
            }
        }

        var roomKind = byRoomType ? Kind.RoomType : Kind.RoomClass;
        var roomLabel = byRoomType ? "Room type" : "Room class";
        Check(roomKind, from, roomLabel);
        if (to != from)
        {
            Check(roomKind, to, roomLabel);
        }
        foreach (var f in filters)
        {
            switch (f.Kind)
            {
                case RuleFilterKind.RateCode: Check(Kind.RateCode, f.Value, "Rate code"); break;
                case RuleFilterKind.RateCategory: Check(Kind.RateCategory, f.Value, "Rate category"); break;
                case RuleFilterKind.Market: Check(Kind.Market, f.Value, "Market"); break;
                case RuleFilterKind.Channel: Check(Kind.Channel, f.Value, "Channel"); break;
                case RuleFilterKind.ReservationType: Check(Kind.ReservationType, f.Value, "Reservation type"); break;
                case RuleFilterKind.Membership:
                    if (f.Level is null)
                    {
                        Check(Kind.MembershipType, f.Value, "Membership type");
                    }
                    else
                    {
                        Check(Kind.MembershipLevel, UpsellRuleFormModel.MembershipKey(f.Value, f.Level), "Membership level");
                    }
                    break;
            }
        }
        return warnings ?? (IReadOnlyList<string>)[];
    }
}
