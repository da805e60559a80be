using System.Text.Json;
using UpsellAdmin.Domain.Evaluation;
using UpsellAdmin.Domain.Tests.TestSupport;

namespace UpsellAdmin.Domain.Tests.Evaluation;

public sealed class CriterionTests
{
    [Fact]
    public void Criterion_Names_AreThePublicApiContract() =>
        Assert.Equal(
            ["StayDates", "DaysInAdvance", "Room", "RateCode", "RateCategory", "Membership", "Channel", "ReservationType", "Market", "Currency", "OccupancyLevel", "TargetRate", "DaysOfWeek"],
            Enum.GetNames<Criterion>());

    [Fact]
    public void Criterion_Json_IsWrittenAndReadAsItsName()
    {
        var json = JsonSerializer.Serialize(new CriterionFailure(Criterion.TargetRate, "why"));

        Assert.Equal("""{"Criterion":"TargetRate","Message":"why"}""", json);
        Assert.Equal(Criterion.OccupancyLevel, JsonSerializer.Deserialize<Criterion>("\"OccupancyLevel\""));
    }
}
