using FluentValidation.Results;
using UpsellAdmin.Connector;
using UpsellAdmin.Web.Features.Common;

namespace UpsellAdmin.Web.Features.Loyalty;

/// <summary>What the shared write shape reads of a program or tier form.</summary>
internal interface ILoyaltyItemForm
{
    string? Id { get; }
    string Name { get; }
    string Code { get; }
}

/// <summary>What the shared write shape reads of a program or tier row.</summary>
internal interface ILoyaltyItemRow
{
    string Id { get; }
    string Name { get; }
    string Code { get; }
}

public sealed partial class LoyaltyService
{
    /// <summary>
    /// What programs and tiers each say for themselves in the add/update/delete shape they share
    /// (<see cref="AddItemsAsync"/>, <see cref="UpdateItemAsync"/>, <see cref="DeleteItemsAsync"/>): their names in the
    /// texts, validators, gateway calls, reads and log lines. Made per call, so the delegates hold the chain and token.
    /// </summary>
    private sealed class LoyaltyWriter<TForm, TRow>
        where TForm : ILoyaltyItemForm
        where TRow : ILoyaltyItemRow
    {
        /// <summary>"program" or "tier": every text names it.</summary>
        public required string Noun { get; init; }

        /// <summary>What holds the codes: "chain" for programs, "program" for tiers.</summary>
        public required string Owner { get; init; }

        public required Func<List<TForm>, Task<ValidationResult>> ValidateBatch { get; init; }

        public required Func<TForm, Task<ValidationResult>> ValidateForm { get; init; }

        /// <summary>The rows now in Mews among which the forms' codes must be unique.</summary>
        public required Func<IReadOnlyList<TForm>, Task<List<TRow>>> ReadOwners { get; init; }

        /// <summary>Whether a row is in the form's owner (the code is compared by the shape).</summary>
        public required Func<TForm, TRow, bool> SameOwner { get; init; }

        /// <summary>
        /// After an add failed: rows among which those Mews created anyway are (the shape keeps the new ones with an
        /// item's owner and code).
        /// </summary>
        public required Func<IReadOnlyList<TForm>, Task<List<TRow>>> FindAdded { get; init; }

        /// <summary>Sends the add; returns how many items Mews reports added.</summary>
        public required Func<IMewsGateway, IReadOnlyList<TForm>, Task<int>> Add { get; init; }

        public required Func<IMewsGateway, TForm, Task> Update { get; init; }

        public required Func<IMewsGateway, IReadOnlyList<string>, Task> Delete { get; init; }

        /// <summary>Whether an update can change the code (then it is checked against the owner's other rows).</summary>
        public bool UpdateChangesCode { get; init; }

        /// <summary>
        /// Another value that must be unique in the owner (a tier's Ordering in its program): given a form and another
        /// row of the same owner, the field and the message when they clash, else null. Refused, never renumbered.
        /// </summary>
        public Func<TForm, TRow, FieldError?>? OtherClash { get; init; }

        public FieldError? FirstOtherClash(TForm form, IEnumerable<TRow> rows) =>
            OtherClash is null ? null : rows.Where(r => r.Id != form.Id && SameOwner(form, r)).Select(r => OtherClash(form, r)).FirstOrDefault(c => c is not null);

        public required Action<int, string, string> LogAdded { get; init; }

        public required Action<string, string> LogUpdated { get; init; }

        public required Action<int, string, string> LogDeleted { get; init; }

        public string Taken(TRow taken) => $"The {Owner} already has a {Noun} with code {taken.Code} ({taken.Name}).";

        public static bool SameCode(TForm form, TRow row) => string.Equals(row.Code, form.Code.Trim(), StringComparison.OrdinalIgnoreCase);

        public bool Clashes(TForm form, TRow row) => SameOwner(form, row) && SameCode(form, row);
    }

    /// <summary>
    /// Adds a list: checked (form rules, codes free in their owner) before anything is sent; when Mews fails the list,
    /// whatever it created anyway is removed again, so nothing is half-applied, and each item says where it stands.
    /// </summary>
    private async Task<LoyaltyWriteResult> AddItemsAsync<TForm, TRow>(string chainId, LoyaltyWriter<TForm, TRow> writer, IReadOnlyList<TForm> forms, CancellationToken ct)
        where TForm : ILoyaltyItemForm
        where TRow : ILoyaltyItemRow
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        var items = forms.ToList();
        var errors = Errors(await writer.ValidateBatch(items));
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        var existing = await writer.ReadOwners(items);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (existing.FirstOrDefault(r => writer.Clashes(item, r)) is { } taken)
            {
                errors.Add(new FieldError($"Items[{i}].Code", writer.Taken(taken)));
            }
            if (writer.FirstOtherClash(item, existing) is { } clash)
            {
                errors.Add(clash with { Field = $"Items[{i}].{clash.Field}" });
            }
        }
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }

        var gateway = gateways.ForChain(chainId);
        try
        {
            var added = await writer.Add(gateway, items);
            writer.LogAdded(added, chainId, string.Join(", ", items.Select(f => f.Code.Trim())));
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done(items.Count == 1 ? $"Added loyalty {writer.Noun} {items[0].Name.Trim()}." : $"Added {items.Count} loyalty {writer.Noun}s.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            List<TRow> created;
            try
            {
                created = (await writer.FindAdded(items))
                    .Where(r => existing.All(x => x.Id != r.Id) && items.Any(f => writer.Clashes(f, r))).ToList();
            }
            catch (MewsApiException lookup)
            {
                LogMewsFailed(lookup.Operation, lookup.MewsMessage, lookup.RequestId);
                return Rejected(e, items.Select(f => new LoyaltyItemOutcome(Label(f), false, "unknown: Mews could not be asked afterwards; reload the list")).ToList());
            }
            var undone = await UndoAsync(created.Select(c => c.Id).ToList(), ids => writer.Delete(gateway, ids));
            if (created.Count > 0)
            {
                await RefreshAsync(chainId, ct);
            }
            return Rejected(e, items.Select(f =>
            {
                var made = created.FirstOrDefault(c => writer.Clashes(f, c));
                return made is null
                    ? new LoyaltyItemOutcome(Label(f), false, "not added")
                    : undone ? new LoyaltyItemOutcome(Label(f), false, "was added, then removed again because the list failed")
                    : new LoyaltyItemOutcome(Label(f), true, "added and still in Mews (removing it failed)");
            }).ToList());
        }
    }

    /// <summary>Updates one saved item (an update sets absolute values).</summary>
    private async Task<LoyaltyWriteResult> UpdateItemAsync<TForm, TRow>(string chainId, LoyaltyWriter<TForm, TRow> writer, TForm form, CancellationToken ct)
        where TForm : ILoyaltyItemForm
        where TRow : ILoyaltyItemRow
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        var errors = Errors(await writer.ValidateForm(form));
        if (form.Id is null)
        {
            errors.Add(new FieldError("", $"Save a new {writer.Noun} with Add, not Update."));
        }
        if (errors.Count > 0)
        {
            return LoyaltyWriteResult.Invalid(errors);
        }
        if (writer.UpdateChangesCode || writer.OtherClash is not null)
        {
            var others = await writer.ReadOwners([form]);
            if (writer.UpdateChangesCode && others.FirstOrDefault(r => r.Id != form.Id && LoyaltyWriter<TForm, TRow>.SameCode(form, r)) is { } taken)
            {
                errors.Add(new FieldError("Code", writer.Taken(taken)));
            }
            if (writer.FirstOtherClash(form, others) is { } clash)
            {
                errors.Add(clash);
            }
            if (errors.Count > 0)
            {
                return LoyaltyWriteResult.Invalid(errors);
            }
        }
        try
        {
            await writer.Update(gateways.ForChain(chainId), form);
            writer.LogUpdated(form.Id!, chainId);
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done($"Saved loyalty {writer.Noun} {form.Name.Trim()}.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            return Rejected(e, []);
        }
    }

    /// <summary>
    /// Deletes a list of the rows <paramref name="read"/> returns: the selected ones must all still be in Mews
    /// (<paramref name="missing"/> counts those that are not) and pass <paramref name="refuse"/> (a message, or null);
    /// when Mews fails the list, each item says whether it is gone.
    /// </summary>
    private async Task<LoyaltyWriteResult> DeleteItemsAsync<TForm, TRow>(
        string chainId,
        LoyaltyWriter<TForm, TRow> writer,
        IReadOnlyList<string> ids,
        Func<Task<IReadOnlyList<TRow>>> read,
        Func<List<TRow>, int> missing,
        Func<IMewsGateway, List<TRow>, Task<string?>>? refuse,
        CancellationToken ct)
        where TForm : ILoyaltyItemForm
        where TRow : ILoyaltyItemRow
    {
        if (!(await currentUser.GetAsync(ct)).CanEdit)
        {
            return LoyaltyWriteResult.Forbidden();
        }
        if (ids.Count == 0)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", $"Select the {writer.Noun}s to delete.")]);
        }
        var gateway = gateways.ForChain(chainId);
        var rows = (await read()).Where(r => ids.Contains(r.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing(rows) is not 0 and var gone)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", $"{gone} of the selected {writer.Noun}s are no longer in Mews: reload the list.")]);
        }
        if (refuse is not null && await refuse(gateway, rows) is { } refusal)
        {
            return LoyaltyWriteResult.Invalid([new FieldError("", refusal)]);
        }

        try
        {
            await writer.Delete(gateway, rows.Select(r => r.Id).ToList());
            writer.LogDeleted(rows.Count, chainId, string.Join(", ", rows.Select(r => r.Code)));
            await RefreshAsync(chainId, ct);
            return LoyaltyWriteResult.Done(rows.Count == 1 ? $"Deleted loyalty {writer.Noun} {rows[0].Name}." : $"Deleted {rows.Count} loyalty {writer.Noun}s.");
        }
        catch (MewsApiException e)
        {
            LogMewsFailed(e.Operation, e.MewsMessage, e.RequestId);
            var items = await DeletedOrNotAsync(rows.Select(r => (r.Id, Label(r.Name, r.Code))).ToList(),
                async _ => (await read()).Select(r => r.Id).ToList());
            if (items.Any(i => i.Applied))
            {
                await RefreshAsync(chainId, ct);
            }
            return Rejected(e, items);
        }
    }

    private static string Label(ILoyaltyItemForm form) => Label(form.Name.Trim(), form.Code.Trim());
}
