using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;
using UpsellAdmin.Web.Features.UpsellRules;

namespace UpsellAdmin.Web.Tests.Features.UpsellRules;

/// <summary>The validator alone, on hand-made lookups (what the form constructs it with).</summary>
public sealed class UpsellRuleFormValidatorTests
{
    private static readonly PropertyLookups Lookups = new(
        new PropertySummary(1, "TST", "Test", "USD", "UTC"),
        [new("STDK", "Standard King", "STD", 1), new("STDQ", "Standard Queen", "STD", 2), new("DLXK", "Deluxe King", "DLX", 3), new("JRS", "Junior Suite", "DLX", 4)],
        [new("STD", "Standard"), new("DLX", "Deluxe")],
        [new("BAR", "BAR", "PUB", "USD")],
        [new("PUB", "Public")],
        [new("PC01", "Platinum Club", [new("GOLD", "Gold")])],
        [new("WEB", "Web")],
        [new("GUA", "Guaranteed")],
        [new("TRANS", "Transient")],
        [new(1, "Low", 0, 50), new(2, "High", 50, 100)],
        new Dictionary<string, IReadOnlyList<HierarchyTarget>> { ["STDK"] = [new("DLXK", 1)] },
        ["USD", "EUR"]);

    private static UpsellRuleFormModel Valid() => new()
    {
        PropertyId = 1, Code = "R1", Description = "Rule", From = "STDK", To = "DLXK", UpsellAmount = 10m, CurrencyCode = "USD",
        OccupancyAmounts = [new() { Level = 1, Description = "Low" }, new() { Level = 2, Description = "High" }],
    };

    private static async Task<Dictionary<string, string>> ErrorsAsync(UpsellRuleFormModel model, RuleCodeUniquenessCheck? unique = null)
    {
        var result = await new UpsellRuleFormValidator(Lookups, unique).ValidateAsync(model, TestContext.Current.CancellationToken);
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
    }

    [Fact]
    public async Task Validate_ValidRule_HasNoErrors()
    {
        Assert.Empty(await ErrorsAsync(Valid()));
    }

    [Fact]
    public async Task Validate_RequiredFieldsEmpty_SaysWhichInPlainWords()
    {
        var errors = await ErrorsAsync(new UpsellRuleFormModel { PropertyId = 1 });

        Assert.Equal("Code is required.", errors["Code"]);
        Assert.Equal("Rule Description is required.", errors["Description"]);
        Assert.Equal("From Room Type is required.", errors["From"]);
        Assert.Equal("To Room Type is required.", errors["To"]);
        Assert.Equal("Upsell Amount is required (or tick Use Occupancy Levels).", errors["UpsellAmount"]);
        Assert.Equal("Currency Code is required.", errors["CurrencyCode"]);
    }

    [Fact]
    public async Task Validate_TooLong_UsesTheEntityLimits()
    {
        var model = Valid();
        model.Code = new string('C', UpsellRule.CodeMaxLength + 1);
        model.Description = new string('D', UpsellRule.DescriptionMaxLength + 1);

        var errors = await ErrorsAsync(model);

        Assert.Equal("Code can be at most 20 characters (it has 21).", errors["Code"]);
        Assert.Equal("Rule Description can be at most 40 characters (it has 41).", errors["Description"]);
    }

    [Fact]
    public async Task Validate_EndBeforeBegin_NamesTheBeginDate()
    {
        var model = Valid();
        model.BeginDate = new DateTime(2026, 12, 1);
        model.EndDate = new DateTime(2026, 11, 30);

        Assert.Equal("End Date must be on or after Begin Date (2026-12-01).", (await ErrorsAsync(model))["EndDate"]);
    }

    [Fact]
    public async Task Validate_ToEqualsFrom_IsAnError()
    {
        var model = Valid();
        model.To = "STDK";

        Assert.Equal("To Room Type must differ from From Room Type (STDK).", (await ErrorsAsync(model))["To"]);
    }

    [Fact]
    public async Task Validate_ToOutsideTheHierarchyOfFrom_ListsTheAllowedTargets()
    {
        var model = Valid();
        model.To = "JRS";

        Assert.Equal("JRS is not in the room hierarchy of STDK; choose one of DLXK.", (await ErrorsAsync(model))["To"]);
    }

    [Fact]
    public async Task Validate_FromWithoutHierarchy_AllowsAnyOtherRoomType()
    {
        var model = Valid();
        model.From = "STDQ";
        model.To = "JRS";

        Assert.Empty(await ErrorsAsync(model));
    }

    [Fact]
    public async Task Validate_RoomClassRule_ChecksRoomClasses()
    {
        var model = Valid();
        model.UpsellByRoomType = false;
        model.From = "STD";
        model.To = "STE";

        Assert.Equal("Room class STE is not an active room class of this property.", (await ErrorsAsync(model))["To"]);
    }

    [Fact]
    public async Task Validate_UnknownCodesInFilters_AreNamed()
    {
        var model = Valid();
        model.RateCodes = ["BAR", "XXX"];
        model.Memberships = ["PC01/DIAMOND", "NOPE"];
        model.ReservationTypes = ["6PM"];
        model.Sources = ["OTA", "GDS"];
        model.CurrencyCode = "JPY";

        var errors = await ErrorsAsync(model);

        Assert.Equal("Rate code XXX is not an active rate code of this property.", errors["RateCodes"]);
        Assert.Equal("Membership level DIAMOND is not an active level of PC01.", errors["Memberships"]);
        Assert.Equal("Reservation type 6PM is not an active reservation type of this property.", errors["ReservationTypes"]);
        Assert.Equal("Channels OTA, GDS are not active channels of this property.", errors["Sources"]);
        Assert.Equal("Currency JPY is not known here; choose one of USD, EUR.", errors["CurrencyCode"]);
    }

    [Fact]
    public async Task Validate_RateCategoriesChosen_IgnoresTheHiddenRateCodeList()
    {
        var model = Valid();
        model.UseRateCategories = true;
        model.RateCategories = ["PUB"];
        model.RateCodes = ["XXX"];

        Assert.Empty(await ErrorsAsync(model));
    }

    [Theory]
    [InlineData(UpsellFormula.FlatAmountAddedToOriginalRate, -1, "Upsell Amount cannot be negative.")]
    [InlineData(UpsellFormula.PercentOfDifferenceAddedToOriginalRate, 101, "Upsell Percentage for % of Difference can be at most 100 % (the whole difference); 101 % is too much.")]
    [InlineData(UpsellFormula.PercentOfOriginalRateAddedToOriginalRate, 1001, "Upsell Percentage for % of Original Rate can be at most 1000 %.")]
    public async Task Validate_AmountOutOfRange_SaysWhatIsAllowed(UpsellFormula formula, int amount, string message)
    {
        var model = Valid();
        model.Formula = formula;
        model.UpsellAmount = amount;

        Assert.Equal(message, (await ErrorsAsync(model))["UpsellAmount"]);
    }

    /// <summary>Issue 14: the form and the evaluate API share one date range (UpsellLimits); an end date of 9999-12-31
    /// is refused here as it is in the API (leave End Date empty for "open").</summary>
    [Theory]
    [InlineData("1999-12-31", null, "BeginDate")]
    [InlineData(null, "9999-12-31", "EndDate")]
    public async Task Validate_DateOutsideTheSharedRange_NamesTheRange(string? begin, string? end, string field)
    {
        var model = Valid();
        model.BeginDate = begin is null ? null : DateTime.Parse(begin, System.Globalization.CultureInfo.InvariantCulture);
        model.EndDate = end is null ? null : DateTime.Parse(end, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("between 2000-01-01 and 2199-12-31", (await ErrorsAsync(model))[field], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_PercentOfOriginalAbove100_IsFine()
    {
        var model = Valid();
        model.Formula = UpsellFormula.PercentOfOriginalRateAddedToOriginalRate;
        model.UpsellAmount = 150m;

        Assert.Empty(await ErrorsAsync(model));
    }

    [Fact]
    public async Task Validate_OccupancyLevelsUsedWithAnEmptyAmount_NamesTheLevel()
    {
        var model = Valid();
        model.UseOccupancyLevels = true;
        model.UpsellAmount = null;
        model.OccupancyAmounts[0].Amount = 5m;

        var errors = await ErrorsAsync(model);

        Assert.Equal("Enter an amount for level 2 (High); every level needs one when Use Occupancy Levels is ticked.", errors["OccupancyAmounts[1].Amount"]);
        Assert.False(errors.ContainsKey("UpsellAmount"));
    }

    [Fact]
    public async Task Validate_FormulaChanged_ClearsAmountsSoTheyAreRequiredAgain()
    {
        var model = Valid();
        model.OccupancyAmounts[0].Amount = 5m;

        model.Formula = UpsellFormula.PercentOfDifferenceAddedToOriginalRate;

        Assert.Null(model.UpsellAmount);
        Assert.Null(model.OccupancyAmounts[0].Amount);
        Assert.Equal("Upsell Percentage is required (or tick Use Occupancy Levels).", (await ErrorsAsync(model))["UpsellAmount"]);
    }

    [Fact]
    public async Task Validate_CodeTaken_UsesTheUniquenessCheck()
    {
        var errors = await ErrorsAsync(Valid(), (_, code, _, _) => Task.FromResult(code != "R1"));

        Assert.Equal("Code R1 is already used by another rule of this property; choose another code.", errors["Code"]);
    }
}
