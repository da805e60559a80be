using System.Net;
using Microsoft.Extensions.Logging;
using UpsellAdmin.Connector.Http;
using UpsellAdmin.Connector.Models;
using UpsellAdmin.Connector.Tests.TestSupport;

namespace UpsellAdmin.Connector.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Gateway_SuccessAndFailureWithTraceLogging_LogsOperationAndRequestIdButNeverATokens()
    {
        var stub = new StubHandler(request => request.Operation == "configuration/get"
            ? StubHandler.Json("""{"Message":"Invalid AccessToken.","RequestId":"req-42"}""", HttpStatusCode.Unauthorized)
            : StubHandler.Json("""{"Services":[{"Id":"s1","IsActive":true}],"Cursor":"s1"}"""));
        await using var host = GatewayHost.OverStub(stub);

        await host.Gateway.GetServicesAsync(ct: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<MewsApiException>(() => host.Gateway.GetConfigurationAsync(ct: TestContext.Current.CancellationToken));

        var text = host.Logs.AllText;
        Assert.Contains(host.Logs.Logs, l => l.Level == LogLevel.Trace && l.Message.Contains("request body", StringComparison.Ordinal)); // bodies were logged…
        Assert.DoesNotContain(GatewayHost.ClientToken, text, StringComparison.Ordinal); // …but never a token
        Assert.DoesNotContain(GatewayHost.AccessToken, text, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Logs, l => l.Level >= LogLevel.Warning && l.Message.Contains("configuration/get", StringComparison.Ordinal)
            && l.Message.Contains("req-42", StringComparison.Ordinal));
        Assert.Contains(stub.Requests, r => r.Body.Contains(GatewayHost.AccessToken, StringComparison.Ordinal)); // the wire does carry it
    }

    [Fact]
    public async Task Gateway_AmbiguousWrite_LogsOutcomeUnknownWithoutTokens()
    {
        var stub = new StubHandler(_ => StubHandler.Json("""{"Message":"Oops.","RequestId":"req-7"}""", HttpStatusCode.BadGateway));
        await using var host = GatewayHost.OverStub(stub);

        await Assert.ThrowsAsync<MewsOutcomeUnknownException>(() => host.Gateway.AddOrderAsync(
            new OrderAddition { ServiceId = "s", AccountId = "a", ProductOrders = [new ProductOrder { ProductId = "p" }] }, TestContext.Current.CancellationToken));

        Assert.Contains(host.Logs.Logs, l => l.Level == LogLevel.Error && l.Message.Contains("orders/add", StringComparison.Ordinal)
            && l.Message.Contains("req-7", StringComparison.Ordinal));
        Assert.DoesNotContain(GatewayHost.AccessToken, host.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHost.ClientToken, host.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_BodyWithTokenValues_MasksThemEvenWhenNotTheConfiguredOnes()
    {
        var redactor = new TokenRedactor(new StaticOptionsMonitor(new ConnectorOptions { ClientToken = "cfg-client", AccessToken = "cfg-access" }));

        var redacted = redactor.Redact("""{"ClientToken":"other-client","AccessToken" : "other-access","Note":"cfg-access"}""");

        Assert.Equal("""{"ClientToken":"***","AccessToken" : "***","Note":"***"}""", redacted);
    }
}

internal sealed class StaticOptionsMonitor(ConnectorOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<ConnectorOptions>
{
    public ConnectorOptions CurrentValue => value;

    public ConnectorOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<ConnectorOptions, string?> listener) => null;
}
