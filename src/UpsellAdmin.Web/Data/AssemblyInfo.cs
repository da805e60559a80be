using System.Runtime.CompilerServices;

// The data benchmark prints the search's SQL and query plans through the internal UpsellRuleQuery.
[assembly: InternalsVisibleTo("UpsellAdmin.Bench.Web")]
