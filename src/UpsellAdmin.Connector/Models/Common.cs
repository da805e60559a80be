using System.Text.Json.Serialization;

namespace UpsellAdmin.Connector.Models;

/// <summary>Paging parameters: <c>Count</c> 1–1000; <c>Cursor</c> null = start from the newest item.</summary>
public sealed record Limitation(int Count, string? Cursor = null);

/// <summary>A time-interval filter, half-open <c>[StartUtc, EndUtc)</c>; most are limited to 3 months.</summary>
public sealed record TimeInterval(DateTimeOffset StartUtc, DateTimeOffset EndUtc);

/// <summary>
/// A paginated getAll request. The gateway sets <see cref="Limitation"/> page by page; callers leave it null (a
/// <c>Count</c> given here is used as the page size).
/// </summary>
public abstract record PagedRequest
{
    public Limitation? Limitation { get; init; }
}

/// <summary>A page of a paginated getAll response.</summary>
public interface IPagedResult<out T>
{
    string? Cursor { get; }
    IReadOnlyList<T>? Items { get; }
}

/// <summary>
/// Update-value wrapper <c>{"Value": …}</c>. Leave the property null to keep the current value; <c>new(null)</c>
/// writes <c>{"Value":null}</c> and clears a nullable value.
/// </summary>
public sealed record UpdateValue<T>([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] T Value);

/// <summary>The <c>{}</c> answer of delete operations.</summary>
public sealed record EmptyResult;

/// <summary>Amount in a response.</summary>
public sealed record Amount
{
    public string? Currency { get; init; }
    public decimal? NetValue { get; init; }
    public decimal? GrossValue { get; init; }
    public IReadOnlyList<TaxValue>? TaxValues { get; init; }
    public AmountBreakdown? Breakdown { get; init; }
}

public sealed record TaxValue
{
    public string? Code { get; init; }
    public decimal? Value { get; init; }
}

public sealed record AmountBreakdown
{
    public IReadOnlyList<AmountBreakdownItem>? Items { get; init; }
}

public sealed record AmountBreakdownItem
{
    public string? TaxRateCode { get; init; }
    public decimal? NetValue { get; init; }
    public decimal? TaxValue { get; init; }
}

/// <summary>
/// Amount parameters in a request: send <see cref="GrossValue"/> for Gross enterprises, <see cref="NetValue"/> for Net
/// ones; tax codes such as <c>UK-S</c>.
/// </summary>
public sealed record AmountParameters
{
    public required string Currency { get; init; }
    public decimal? GrossValue { get; init; }
    public decimal? NetValue { get; init; }
    public required IReadOnlyList<string> TaxCodes { get; init; }
}

public sealed record Address
{
    public string? Id { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? CountryCode { get; init; }
    public string? CountrySubdivisionCode { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
}

public sealed record Promotions
{
    public bool? BeforeCheckIn { get; init; }
    public bool? AfterCheckIn { get; init; }
    public bool? DuringStay { get; init; }
    public bool? BeforeCheckOut { get; init; }
    public bool? AfterCheckOut { get; init; }
    public bool? DuringCheckOut { get; init; }
}

public sealed record PersonCount
{
    public string? AgeCategoryId { get; init; }
    public int Count { get; init; }
}
