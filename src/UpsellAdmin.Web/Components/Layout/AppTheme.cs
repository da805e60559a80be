using MudBlazor;

namespace UpsellAdmin.Web.Components.Layout;

/// <summary>A calm back-office theme; the system sans-serif font (no web font is downloaded).</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#8a5a00",
            AppbarBackground = "#17415f",
            DrawerBackground = "#f7f9fb",
            Background = "#f2f4f7",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "230px" },
    };
}
