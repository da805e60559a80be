using UpsellAdmin.Web.Components.Account;
using UpsellAdmin.Web.Components.Hosting;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;

var builder = WebApplication.CreateBuilder(args);

// MudBlazor's files come from the static web assets manifest, which only Development reads by default (stack.md).
builder.WebHost.UseStaticWebAssets();
builder.AddAppLogging();

builder.Services.AddAppDatabase(builder.Configuration);
builder.Services.AddAppIdentity();
builder.Services.AddAppUi();
builder.AddFeatures();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseAppPipeline();
app.MapAppEndpoints();
app.MapFeatureEndpoints();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
