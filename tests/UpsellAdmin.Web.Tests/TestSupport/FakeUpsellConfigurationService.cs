using UpsellAdmin.Domain.Rules;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.UpsellConfiguration;

namespace UpsellAdmin.Web.Tests.TestSupport;

public sealed class FakeUpsellConfigurationService : IUpsellConfigurationService
{
    public List<UpsellConfigurationModel> Saved { get; } = [];
    public Queue<SaveResult> SaveResults { get; } = new();
    /// <summary>The add-on catalogue GetAsync returns (empty unless a test fills it).</summary>
    public List<AddOnCatalogueItemModel> AddOns { get; } = [];
    public AddOnChoices Choices { get; set; } = AddOnChoices.Empty;

    public Task<AddOnChoices> GetAddOnChoicesAsync(int propertyId, CancellationToken cancellationToken = default) => Task.FromResult(Choices);

    public Task<UpsellConfigurationModel?> GetAsync(int propertyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<UpsellConfigurationModel?>(new UpsellConfigurationModel
        {
            PropertyId = propertyId,
            UpsellRoomStatus = RoomStatus.Clean,
            MaximumLengthOfStay = 14,
            MaximumNumberOfOffers = 3,
            SortOffersBy = OfferSortOrder.DisplaySequence,
            OccupancyLevels =
            [
                new OccupancyLevelModel { Level = 1, Description = "Low", FromPercent = 0m, ToPercent = 60m },
                new OccupancyLevelModel { Level = 2, Description = "High", FromPercent = 60m, ToPercent = 100m },
            ],
            Hierarchy =
            [
                new RoomHierarchyRowModel { FromRoomType = "STD", ToRoomType = "DLX", DisplaySequence = 1 },
                new RoomHierarchyRowModel { FromRoomType = "STD", ToRoomType = "STE", DisplaySequence = 2 },
            ],
            AddOns = AddOns.Select(a => new AddOnCatalogueItemModel
            {
                ProductId = a.ProductId,
                DisplayName = a.DisplayName,
                PriceOverride = a.PriceOverride,
                AccountingCategoryId = a.AccountingCategoryId,
            }).ToList(),
            Version = Guid.NewGuid(),
        });

    public Task<SaveResult> SaveAsync(UpsellConfigurationModel model, CancellationToken cancellationToken = default)
    {
        Saved.Add(model);
        return Task.FromResult(SaveResults.Count > 0 ? SaveResults.Dequeue() : SaveResult.Saved(model.PropertyId, Guid.NewGuid()));
    }
}
