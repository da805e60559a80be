using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAppDatabase(builder.Configuration);
builder.Services.AddUpsellFeatures();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<UpsellAdmin.Web.Components.App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
