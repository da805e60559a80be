
namespace UpsellAdmin.Web.Features.ReferenceData;

/// <summary>What the sync wants one reference item to be, from its Mews counterpart.</summary>
internal sealed record IncomingItem<TSource>(Guid MewsId, string Code, string Name, bool IsActive, TSource Source);

/// <summary>
/// The in-memory diff of one code list of one property against what Mews returned: matched by Mews id; an item
/// that is new in Mews takes over a local row with the same code that Mews no longer has (or that was created
/// here), so rules naming that code keep working; codes stay unique per property (a clash gets "-2", "-3" …);
/// rows Mews no longer returns are deactivated, never deleted. Rows created here (no Mews id) are left alone.
/// </summary>
internal static class ReferenceMerge
{
    public static MergeCounts Merge<T, TSource>(
        ICollection<T> existing,
        IReadOnlyList<IncomingItem<TSource>> incoming,
        Func<T> create,
        Func<T, TSource, bool> applyDetails,
        Action<T> add)
        where T : ReferenceItem
    {
        var byMewsId = new Dictionary<Guid, T>();
        foreach (var row in existing)
        {
            if (row.MewsId is { } id)
            {
                byMewsId.TryAdd(id, row);
            }
        }

        var incomingIds = incoming.Select(i => i.MewsId).ToHashSet();
        var pairs = new List<(T? Row, IncomingItem<TSource> Item)>(incoming.Count);
        var claimed = new HashSet<T>(ReferenceEqualityComparer.Instance);
        foreach (var item in incoming)
        {
            if (byMewsId.TryGetValue(item.MewsId, out var row) && claimed.Add(row))
            {
                pairs.Add((row, item));
            }
            else
            {
                pairs.Add((null, item));
            }
        }

        // Unmatched incoming items adopt a free local row with their code (gone from Mews, or created here).
        var free = existing.Where(r => !claimed.Contains(r) && (r.MewsId is null || !incomingIds.Contains(r.MewsId.Value)))
            .GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Row is null && free.Remove(pairs[i].Item.Code, out var adopt))
            {
                claimed.Add(adopt);
                pairs[i] = (adopt, pairs[i].Item);
            }
        }

        // Codes kept by rows that stay as they are (gone from Mews, or local) are taken; assign the rest in order.
        var taken = existing.Where(r => !claimed.Contains(r)).Select(r => r.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var counts = new MergeCounts();
        foreach (var (found, item) in pairs)
        {
            var code = Unique(item.Code, taken);
            var row = found ?? create();
            var changed = !string.Equals(row.Code, code, StringComparison.Ordinal)
                | !string.Equals(row.Name, item.Name, StringComparison.Ordinal)
                | row.IsActive != item.IsActive
                | row.MewsId != item.MewsId;
            row.Code = code;
            row.Name = item.Name;
            row.IsActive = item.IsActive;
            row.MewsId = item.MewsId;
            changed |= applyDetails(row, item.Source);
            if (found is null)
            {
                add(row);
                counts += new MergeCounts(1, 0, 0);
            }
            else if (changed)
            {
                counts += new MergeCounts(0, 1, 0);
            }
        }

        foreach (var row in existing)
        {
            if (!claimed.Contains(row) && row.MewsId is not null && row.IsActive)
            {
                row.IsActive = false;
                counts += new MergeCounts(0, 0, 1);
            }
        }
        return counts;
    }

    /// <summary><paramref name="code"/>, or with "-2", "-3" … (kept within the code length) if taken; marks it taken.</summary>
    public static string Unique(string code, HashSet<string> taken)
    {
        var candidate = code;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            candidate = (code.Length + suffix.Length > ReferenceItem.CodeMaxLength ? code[..(ReferenceItem.CodeMaxLength - suffix.Length)] : code) + suffix;
        }
        return candidate;
    }

    /// <summary>Mews items as the merge wants them; items without a valid Mews id are left out.</summary>
    public static List<IncomingItem<T>> Incoming<T>(IEnumerable<T> items, Func<T, string> id, Func<T, string> code, Func<T, string?> name, Func<T, bool> active)
    {
        var list = new List<IncomingItem<T>>();
        foreach (var item in items)
        {
            if (Guid.TryParse(id(item), out var guid))
            {
                var c = code(item);
                list.Add(new IncomingItem<T>(guid, c, MewsText.Name(name(item), c), active(item), item));
            }
        }
        return list;
    }
}

/// <summary>Rows added, updated and deactivated by one merge (a part of a sync).</summary>
public readonly record struct MergeCounts(int Added, int Updated, int Deactivated)
{
    public static MergeCounts operator +(MergeCounts a, MergeCounts b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Deactivated + b.Deactivated);

    public bool IsEmpty => Added == 0 && Updated == 0 && Deactivated == 0;
}
