using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.EndToEnd.UpsellRules;

/// <summary>The demo app plus <see cref="Count"/> plain rules GRID01… at every property, so a filter on "GRID" has
/// two pages of 25 and the grid has more rows than a 768-px screen can show.</summary>
public sealed class RulesGridAppFixture : AppFixture
{
    public const string Prefix = "GRID";
    public const int Count = 40;

    protected override async Task SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        foreach (var property in await db.Properties.ToListAsync())
        {
            var types = await db.RoomTypes.Where(t => t.PropertyId == property.Id && t.IsActive).OrderBy(t => t.Code).Select(t => t.Code).Take(2).ToListAsync();
            if (types.Count < 2)
            {
                continue;
            }
            for (var i = 1; i <= Count; i++)
            {
                var now = DateTimeOffset.UtcNow;
                var rule = new UpsellRule { PropertyId = property.Id, CreatedUtc = now, UpdatedUtc = now };
                rule.Apply(new UpsellRuleDefinition
                {
                    Code = $"{Prefix}{i:00}",
                    Description = $"Grid rule {i:00} for the long list",
                    UpsellByRoomType = true,
                    From = types[0],
                    To = types[1],
                    Formula = UpsellFormula.FlatAmountAddedToOriginalRate,
                    UpsellAmount = 10m + i,
                    CurrencyCode = property.CurrencyCode,
                    RoundingRule = RoundingRule.None,
                });
                db.UpsellRules.Add(rule);
            }
        }
        await db.SaveChangesAsync();
    }
}
