using Microsoft.AspNetCore.Components;

namespace UpsellAdmin.Web.Components.Account;

/// <summary>Redirects from the static login page, to a local address only (no open redirect): anything else goes home.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(IsLocal(uri) ? uri! : PageUrls.Home);

    /// <summary>
    /// A path of this site: "/" or "/x…", not "//host" or "/\host" (browsers read both as another host), no control
    /// characters (browsers drop tabs and newlines, so "/\t/host" becomes "//host"). As ASP.NET Core's IsLocalUrl.
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }
        if (url.Length == 1)
        {
            return true;
        }
        return url[1] is not ('/' or '\\') && !url.Any(char.IsControl);
    }
}
