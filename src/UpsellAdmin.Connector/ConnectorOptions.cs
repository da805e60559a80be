using Microsoft.Extensions.Options;

namespace UpsellAdmin.Connector;

/// <summary>Settings of the Mews gateway, bound from the <c>Connector</c> configuration section.</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>Platform address, e.g. <c>https://api.mews-demo.com</c> (no <c>/api/connector/v1</c> suffix).</summary>
    public string BaseUrl { get; set; } = "https://api.mews-demo.com";

    /// <summary>Secret: from user-secrets or environment, never logged.</summary>
    public string ClientToken { get; set; } = "";

    /// <summary>Secret: from user-secrets or environment, never logged.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>Name and version of this application as Mews wants it in every body, e.g. "UpsellAdmin 1.0.0".</summary>
    public string Client { get; set; } = "UpsellAdmin 1.0.0";

    /// <summary>Portfolio tokens only: the enterprise writes and single-enterprise reads apply to.</summary>
    public string? EnterpriseId { get; set; }

    /// <summary>Portfolio tokens only: the chain of customers and loyalty calls.</summary>
    public string? ChainId { get; set; }

    /// <summary>Client-side budget per AccessToken: requests per <see cref="Window"/> (Mews: 200 per 30 s).</summary>
    public int RequestsPerWindow { get; set; } = 200;

    /// <summary>The sliding window of <see cref="RequestsPerWindow"/>.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Added to <see cref="Window"/> before a used permit is freed (its window already starts when its answer arrives).</summary>
    public TimeSpan RateLimitSafetyMargin { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Turns the client-side limiter off (tests that provoke Mews' own 429).</summary>
    public bool RateLimiterEnabled { get; set; } = true;

    /// <summary>Items per page of getAll operations (1–1000).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Timeout of one read attempt (Mews answers 408 after "tens of seconds").</summary>
    public TimeSpan ReadAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one read call with all its retries (time waiting for the rate limiter excluded).</summary>
    public TimeSpan ReadTotalTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Timeout of a write; past it the outcome is unknown and is reconciled, never blindly re-sent.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a read (and of a write refused with 429 or never connected).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Base of the exponential back-off when Mews sends no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause after an ambiguous write failure before looking up its result.</summary>
    public TimeSpan ReconcileDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an add that the lookup proved not applied may be sent again.</summary>
    public int MaxResendsAfterLookup { get; set; } = 1;
}

/// <summary>Checked at start (ValidateOnStart) and on first use.</summary>
public sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors.Add("Connector:BaseUrl must be an absolute http(s) URL.");
        if (string.IsNullOrWhiteSpace(options.ClientToken))
            errors.Add("Connector:ClientToken is required.");
        if (string.IsNullOrWhiteSpace(options.AccessToken))
            errors.Add("Connector:AccessToken is required.");
        if (string.IsNullOrWhiteSpace(options.Client))
            errors.Add("Connector:Client (name and version) is required.");
        if (options.RequestsPerWindow < 1)
            errors.Add("Connector:RequestsPerWindow must be at least 1.");
        if (options.Window <= TimeSpan.Zero)
            errors.Add("Connector:Window must be positive.");
        if (options.RateLimitSafetyMargin < TimeSpan.Zero)
            errors.Add("Connector:RateLimitSafetyMargin must not be negative.");
        if (options.PageSize is < 1 or > 1000)
            errors.Add("Connector:PageSize must be between 1 and 1000.");
        if (options.ReadAttemptTimeout <= TimeSpan.Zero || options.WriteTimeout <= TimeSpan.Zero)
            errors.Add("Connector:ReadAttemptTimeout and WriteTimeout must be positive.");
        if (options.ReadTotalTimeout <= options.ReadAttemptTimeout)
            errors.Add("Connector:ReadTotalTimeout must be longer than ReadAttemptTimeout.");
        if (options.MaxRetryAttempts is < 0 or > 10)
            errors.Add("Connector:MaxRetryAttempts must be between 0 and 10.");
        if (options.RetryBaseDelay < TimeSpan.Zero || options.ReconcileDelay < TimeSpan.Zero)
            errors.Add("Connector:RetryBaseDelay and ReconcileDelay must not be negative.");
        if (options.MaxResendsAfterLookup < 0)
            errors.Add("Connector:MaxResendsAfterLookup must not be negative.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
