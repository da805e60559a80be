namespace UpsellAdmin.ConnectorSimulator;

/// <summary>
/// The public Mews DEMO tokens (connector-api.md §1.2) and what each AccessToken sees in the simulator.
/// <list type="bullet">
/// <item>Integration 1 (<see cref="ClientToken"/>): Gross token → enterprise A (Connector API Hotel, GBP, single);
/// Net token → enterprise C (Washington, USD, Net, single).</item>
/// <item>Integration 2: Gross token → portfolio of A, B and C; Net token → C.</item>
/// <item>Integration 3: Gross token → enterprise B (Lisbon, EUR, single); Net token → C.</item>
/// <item>Integration 4: Gross token → portfolio of A, B and C; Net token → C.</item>
/// </list>
/// An AccessToken is accepted only together with the ClientToken of its own integration.
/// </summary>
public static class DemoTokens
{
    /// <summary>A Client value to send ("Free-text name and version of the calling app").</summary>
    public const string Client = "UpsellAdmin 1.0.0";

    /// <summary>Integration 1 ("Are you ready to integrate with Mews?").</summary>
    public const string ClientToken = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";

    /// <summary>Integration 1, Gross demo: enterprise A only.</summary>
    public const string AccessToken = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";

    /// <summary>Integration 1, Net demo: enterprise C only.</summary>
    public const string NetAccessToken = "4D6C7ABE0E6A4681B0AFB16900AE5D86-DF50CBC89E1D4FF5859DDF021649ED5";

    /// <summary>Integration 2 ("Connector API Test Client 2").</summary>
    public const string Client2ClientToken = "E916C341431C4D28A866AD200152DBD3-A046EB5583FFBE94DE1172237763712";

    /// <summary>Integration 2, Gross demo: portfolio of A, B and C.</summary>
    public const string Client2AccessToken = "CC150C355D6A4048A220AD20015483AB-B6D09C0C84B09538077CB8FFBB907B4";

    /// <summary>Integration 2, Net demo: enterprise C only.</summary>
    public const string Client2NetAccessToken = "1AEFA58C55E74D65BDC7AD2001564C12-66633E0B736F523379B9E5966165A55";

    /// <summary>Integration 3 ("Connector API Test Client 3").</summary>
    public const string Client3ClientToken = "2CC71B0660F345019882AD200155B4FE-4A1FC9080A4DD2A404734003674F77E";

    /// <summary>Integration 3, Gross demo: enterprise B only.</summary>
    public const string Client3AccessToken = "5F56B9903A834F199E28AD20015E58CA-5C6A1A00550634911534AD6A098E8B7";

    /// <summary>Integration 3, Net demo: enterprise C only.</summary>
    public const string Client3NetAccessToken = "682C235379B64D909941AD2001577525-BFC60A026081F1350FAA99CAB9F7510";

    /// <summary>Integration 4 ("Connector API Test Client 4").</summary>
    public const string Client4ClientToken = "07AB1F14B55C49B8BDD6AD200158423B-273A4497AFF5E20566D7199DB3DC2BA";

    /// <summary>Integration 4, Gross demo: portfolio of A, B and C.</summary>
    public const string Client4AccessToken = "39E301DD5A1C4A569087AD20015F60DD-50DC28896E9090CCA0995C9BBD90351";

    /// <summary>Integration 4, Net demo: enterprise C only.</summary>
    public const string Client4NetAccessToken = "BFD4298010F54B069F3DAD20015D53EA-D5561FADFBA4EFC8EA4C179C6BC461F";

    /// <summary>The portfolio pair to use in tests: integration 2's ClientToken.</summary>
    public const string PortfolioClientToken = Client2ClientToken;

    /// <summary>The portfolio pair to use in tests: integration 2's Gross AccessToken (A, B and C).</summary>
    public const string PortfolioAccessToken = Client2AccessToken;

    internal static IReadOnlyList<TokenGrant> Grants { get; } =
    [
        new(ClientToken, AccessToken, [DemoIds.EnterpriseA], false),
        new(ClientToken, NetAccessToken, [DemoIds.EnterpriseC], false),
        new(Client2ClientToken, Client2AccessToken, [DemoIds.EnterpriseA, DemoIds.EnterpriseB, DemoIds.EnterpriseC], true),
        new(Client2ClientToken, Client2NetAccessToken, [DemoIds.EnterpriseC], false),
        new(Client3ClientToken, Client3AccessToken, [DemoIds.EnterpriseB], false),
        new(Client3ClientToken, Client3NetAccessToken, [DemoIds.EnterpriseC], false),
        new(Client4ClientToken, Client4AccessToken, [DemoIds.EnterpriseA, DemoIds.EnterpriseB, DemoIds.EnterpriseC], true),
        new(Client4ClientToken, Client4NetAccessToken, [DemoIds.EnterpriseC], false),
    ];
}

/// <summary>What one AccessToken may see.</summary>
internal sealed record TokenGrant(string ClientToken, string AccessToken, IReadOnlyList<Guid> EnterpriseIds, bool IsPortfolio);
