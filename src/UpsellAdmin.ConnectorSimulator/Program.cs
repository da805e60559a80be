using UpsellAdmin.ConnectorSimulator;

// The Mews Connector API simulator on its own: dotnet run --project src/UpsellAdmin.ConnectorSimulator
// Listens on http://127.0.0.1:5180 unless urls are given (--urls, ASPNETCORE_URLS). Options bind from the
// "Simulator" section (e.g. --Simulator:ServerErrorRate=0.1 --Simulator:Today=2026-11-22).
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5180");
}

var section = builder.Configuration.GetSection("Simulator");
builder.Services.AddConnectorSimulator(options => section.Bind(options));

var app = builder.Build();
app.MapConnectorSimulator();
app.Run();
