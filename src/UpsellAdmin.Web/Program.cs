using UpsellAdmin.Web.Components;
using UpsellAdmin.Web.Components.Account;
using UpsellAdmin.Web.Components.Hosting;
using UpsellAdmin.Web.Data;
using UpsellAdmin.Web.Features;
using UpsellAdmin.Web.Features.Api;
using UpsellAdmin.Web.Features.Copy;
using UpsellAdmin.Web.Features.Loyalty;
using UpsellAdmin.Web.Features.Sync;

var builder = WebApplication.CreateBuilder(args);

// MudBlazor's files come from the static web assets manifest, which only Development reads by default (stack.md).
builder.WebHost.UseStaticWebAssets();
builder.AddAppLogging();

builder.Services.AddAppDatabase(builder.Configuration);
builder.Services.AddUpsellFeatures();
builder.Services.AddAppIdentity();
builder.Services.AddAppUi();
builder.Services.AddApiKeyAuthentication(builder.Configuration);
builder.Services.AddUpsellApi();
builder.Services.AddRuleCopy();
builder.AddMewsSync();
builder.Services.AddLoyalty();
builder.Services.AddAdministration();

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseAppPipeline();
app.MapAppEndpoints();
app.MapUpsellApi();
app.MapCopyApi();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
