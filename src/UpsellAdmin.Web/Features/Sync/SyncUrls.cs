namespace UpsellAdmin.Web.Features.Sync;

/// <summary>The Sync feature's routes (to be folded into <c>PageUrls</c>).</summary>
public static class SyncUrls
{
    /// <summary>Administrators' "Sync from Mews" page.</summary>
    public const string Sync = "/sync";
}
