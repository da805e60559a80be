using FluentValidation;
using Microsoft.EntityFrameworkCore;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features.Accounts;
using UpsellAdmin.Web.Features.Common;
using UpsellAdmin.Web.Features.Properties;
using UpsellAdmin.Web.Features.ReferenceData;

namespace UpsellAdmin.Web.Features.UpsellConfiguration;

public sealed class UpsellConfigurationService(
    IDbContextFactory<AppDbContext> dbFactory,
    ICurrentUser currentUser,
    ILogger<UpsellConfigurationService> logger) : IUpsellConfigurationService
{
    public const string ConflictMessage =
        "This configuration was changed by someone else since you opened it. Reload it to see their changes; nothing was saved.";

    public async Task<UpsellConfigurationModel?> GetAsync(int propertyId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return null;
        }

        var settings = await db.UpsellConfigurations.AsNoTracking()
            .FirstOrDefaultAsync(x => x.PropertyId == propertyId, cancellationToken);
        var model = new UpsellConfigurationModel { PropertyId = propertyId };
        if (settings is not null)
        {
            model.UpsellRoomStatus = settings.UpsellRoomStatus;
            model.MaximumLengthOfStay = settings.MaximumLengthOfStay;
            model.MaximumNumberOfOffers = settings.MaximumNumberOfOffers;
            model.SortOffersBy = settings.SortOffersBy;
            model.MinimumFreeRooms = settings.MinimumFreeRooms;
            model.UpgradeAccountingCategoryId = settings.UpgradeAccountingCategoryId;
            model.AgentCommissionPercent = settings.AgentCommissionPercent;
            model.Version = settings.Version;
        }
        model.OccupancyLevels = await db.OccupancyLevels.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.Level)
            .Select(x => new OccupancyLevelModel { Level = x.Level, Description = x.Description, FromPercent = x.FromPercent, ToPercent = x.ToPercent })
            .ToListAsync(cancellationToken);
        model.Hierarchy = await db.RoomHierarchy.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.FromRoomType!.Sequence).ThenBy(x => x.FromRoomType!.Code).ThenBy(x => x.DisplaySequence)
            .Select(x => new RoomHierarchyRowModel { FromRoomType = x.FromRoomType!.Code, ToRoomType = x.ToRoomType!.Code, DisplaySequence = x.DisplaySequence })
            .ToListAsync(cancellationToken);
        model.AddOns = await db.AddOnCatalogue.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.DisplaySequence).ThenBy(x => x.Id)
            .Select(x => new AddOnCatalogueItemModel
            {
                ProductId = x.ProductId,
                DisplayName = x.DisplayName,
                PriceOverride = x.PriceOverride,
                AccountingCategoryId = x.AccountingCategoryId,
            })
            .ToListAsync(cancellationToken);
        return model;
    }

    public async Task<AddOnChoices> GetAddOnChoicesAsync(int propertyId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanSeeAsync(db, user, propertyId, cancellationToken))
        {
            return AddOnChoices.Empty;
        }
        return await ChoicesAsync(db, propertyId, cancellationToken);
    }

    private static async Task<AddOnChoices> ChoicesAsync(AppDbContext db, int propertyId, CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.Code)
            .Select(x => new AddOnProductChoice(x.Id, x.Code, x.Name, x.Price, x.CurrencyCode, x.ChargingMode, x.AccountingCategoryId, x.IsAccommodation, x.IsActive))
            .ToListAsync(ct);
        var accounting = await db.AccountingCategories.AsNoTracking()
            .Where(x => x.PropertyId == propertyId)
            .OrderBy(x => x.Code)
            .Select(x => new AccountingCategoryChoice(x.Id, x.Code, x.Name, x.IsActive))
            .ToListAsync(ct);
        return new AddOnChoices(products, accounting);
    }

    public async Task<SaveResult> SaveAsync(UpsellConfigurationModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var user = await currentUser.GetAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await PropertyAccess.CanEditAsync(db, user, model.PropertyId, cancellationToken))
        {
            return SaveResult.Forbidden(PropertyAccess.ForbiddenMessage);
        }

        var roomTypes = await db.RoomTypes.AsNoTracking()
            .Where(x => x.PropertyId == model.PropertyId)
            .Select(x => new { x.Id, x.Code })
            .ToDictionaryAsync(x => x.Code, x => x.Id, StringComparer.Ordinal, cancellationToken);
        var choices = await ChoicesAsync(db, model.PropertyId, cancellationToken);
        var validation = await new UpsellConfigurationModelValidator(roomTypes.Keys, choices).ValidateAsync(model, cancellationToken);
        if (!validation.IsValid)
        {
            return SaveResult.Invalid(validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
        }

        var result = await db.InTransactionAsync(async ct =>
        {
            var settings = await db.UpsellConfigurations.FirstOrDefaultAsync(x => x.PropertyId == model.PropertyId, ct);
            var stale = settings is null ? model.Version != Guid.Empty : settings.Version != model.Version;
            if (stale)
            {
                return (false, SaveResult.Conflict(ConflictMessage));
            }
            if (settings is null)
            {
                settings = new PropertyUpsellConfiguration { PropertyId = model.PropertyId };
                db.UpsellConfigurations.Add(settings);
            }
            else
            {
                // The version the user loaded is the one the UPDATE's WHERE must still find.
                db.Entry(settings).Property(x => x.Version).OriginalValue = model.Version;
            }
            var before = await UpsellConfigurationSnapshot.LoadAsync(db, model.PropertyId, choices, ct);
            UpsellConfigurationSnapshot.Record(db, user.UserName, model.PropertyId, before, UpsellConfigurationSnapshot.Of(model, choices));
            settings.UpsellRoomStatus = model.UpsellRoomStatus;
            settings.MaximumLengthOfStay = model.MaximumLengthOfStay;
            settings.MaximumNumberOfOffers = model.MaximumNumberOfOffers;
            settings.SortOffersBy = model.SortOffersBy;
            settings.MinimumFreeRooms = model.MinimumFreeRooms;
            settings.UpgradeAccountingCategoryId = model.UpgradeAccountingCategoryId;
            settings.AgentCommissionPercent = model.AgentCommissionPercent;
            settings.Version = Guid.NewGuid();

            await db.OccupancyLevels.Where(x => x.PropertyId == model.PropertyId).ExecuteDeleteAsync(ct);
            await db.RoomHierarchy.Where(x => x.PropertyId == model.PropertyId).ExecuteDeleteAsync(ct);
            await db.AddOnCatalogue.Where(x => x.PropertyId == model.PropertyId).ExecuteDeleteAsync(ct);
            db.OccupancyLevels.AddRange(model.OccupancyLevels.OrderBy(l => l.Level).Select(l => new OccupancyLevel
            {
                PropertyId = model.PropertyId,
                Level = l.Level,
                Description = l.Description.Trim(),
                FromPercent = l.FromPercent!.Value,
                ToPercent = l.ToPercent!.Value,
            }));
            db.RoomHierarchy.AddRange(model.Hierarchy.Select(h => new RoomHierarchyEntry
            {
                PropertyId = model.PropertyId,
                FromRoomTypeId = roomTypes[h.FromRoomType],
                ToRoomTypeId = roomTypes[h.ToRoomType],
                DisplaySequence = h.DisplaySequence,
            }));
            var productOf = choices.Products.ToDictionary(p => p.Id);
            db.AddOnCatalogue.AddRange(model.AddOns.Select((a, i) => new AddOnCatalogueItem
            {
                PropertyId = model.PropertyId,
                ProductId = a.ProductId!.Value,
                DisplayName = a.DisplayName.Trim(),
                PriceOverride = a.PriceOverride,
                // No category chosen: the product's own (Mews books it there anyway).
                AccountingCategoryId = a.AccountingCategoryId ?? productOf[a.ProductId.Value].AccountingCategoryId,
                DisplaySequence = i + 1,
            }));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A concurrency miss, or two first saves of the same property racing on the primary key.
                return (false, SaveResult.Conflict(ConflictMessage));
            }
            return (true, SaveResult.Saved(model.PropertyId, settings.Version));
        }, cancellationToken);

        if (result.Succeeded)
        {
            logger.LogInformation(
                "Upsell configuration of property {PropertyId} saved by {User}: {LevelCount} occupancy levels, {HierarchyCount} hierarchy lines, {AddOnCount} add-ons",
                model.PropertyId, user.UserName, model.OccupancyLevels.Count, model.Hierarchy.Count, model.AddOns.Count);
        }
        else
        {
            logger.LogInformation("Upsell configuration of property {PropertyId} not saved by {User}: {Status}",
                model.PropertyId, user.UserName, result.Status);
        }
        return result;
    }
}
