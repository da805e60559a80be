namespace UpsellAdmin.Web.Features.Common;

/// <summary>A validation message for one field (Field = the form model's property name, "" for the whole form).</summary>
public sealed record FieldError(string Field, string Message);

public enum SaveStatus
{
    Saved,
    Invalid,
    /// <summary>Someone else saved the record since it was opened; nothing was overwritten.</summary>
    Conflict,
    NotFound,
    Forbidden,
}

/// <summary>The outcome of a save: what a form needs to show, and the new concurrency version when saved.</summary>
public sealed record SaveResult(SaveStatus Status, IReadOnlyList<FieldError> Errors, int? Id = null, Guid? Version = null)
{
    public bool Succeeded => Status == SaveStatus.Saved;

    public static SaveResult Saved(int id, Guid version) => new(SaveStatus.Saved, [], id, version);
    public static SaveResult Invalid(IReadOnlyList<FieldError> errors) => new(SaveStatus.Invalid, errors);
    public static SaveResult Conflict(string message) => new(SaveStatus.Conflict, [new FieldError("", message)]);
    public static SaveResult NotFound(string message) => new(SaveStatus.NotFound, [new FieldError("", message)]);
    public static SaveResult Forbidden(string message) => new(SaveStatus.Forbidden, [new FieldError("", message)]);
}

/// <summary>One server-side page request: 0-based page, size, optional sort column name and direction.</summary>
public sealed record PageRequest(int Page, int PageSize, string? SortBy = null, bool Descending = false);

/// <summary>One page and the number of matching items. <paramref name="TotalIsLowerBound"/> true: counting stopped at
/// <paramref name="TotalItems"/> (there are at least that many; show "1,000+"), because counting every match of a very
/// large result costs more than the page itself. Asking for later pages raises the bound.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalItems, bool TotalIsLowerBound = false);
